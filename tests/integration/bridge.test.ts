import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBridge, type Bridge } from '../../electron/node/bridge/loopbackBridge';
import { TempInstallation, ADMIN } from '../helpers/tempInstallation';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let inst: TempInstallation;
let bridge: Bridge;
let outside: string;
let port: number;

/** Raw HTTP, so that the path is sent unnormalised and the Host header can be forged. */
function send(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

function invoke(body: unknown, headers: Record<string, string> = { authorization: `Bearer ${bridge.token}` }): Promise<Reply> {
  return send({ method: 'POST', path: '/api/invoke', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

beforeAll(async () => {
  inst = await new TempInstallation().setup();
  outside = mkdtempSync(path.join(tmpdir(), 'throughcare-bridge-'));
  const staticDir = path.join(outside, 'static');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>index</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(outside, 'secret.txt'), 'TOP-SECRET-OUTSIDE-STATIC');
  mkdirSync(path.join(outside, 'static-evil'));
  writeFileSync(path.join(outside, 'static-evil', 'x.txt'), 'TOP-SECRET-SIBLING');
  bridge = await startBridge({ backend: inst.backend, staticDir });
  port = Number(new URL(bridge.url).port);
});
afterAll(async () => {
  await bridge?.close();
  inst?.dispose();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

describe('loopback bridge', () => {
  it('binds 127.0.0.1 on a random port with a long random token', () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(port).toBeGreaterThan(0);
    expect(bridge.token.length).toBeGreaterThanOrEqual(32);
    expect(bridge.appUrl).toBe(`${bridge.url}/#token=${bridge.token}`);
  });

  it('POST /api/invoke without a token or with a wrong one → 401, and the call is not made', async () => {
    const before = inst.snapshot();
    const call = { name: 'users.create', input: { username: 'x.user', displayName: 'X', role: 'admin', password: 'long enough pass' } };
    expect((await invoke(call, {})).status).toBe(401);
    expect((await invoke(call, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await invoke(call, { authorization: `Bearer ${bridge.token}x` })).status).toBe(401);
    expect((await invoke(call, { authorization: bridge.token })).status).toBe(401); // without the scheme
    expect(inst.snapshot()).toEqual(before);
  });

  it('with the right token → 200 and the same result as backend.invoke', async () => {
    const viaBridge = await invoke({ name: 'app.status', input: {} });
    expect(viaBridge.status).toBe(200);
    expect(viaBridge.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(viaBridge.body)).toEqual(await inst.backend.invoke('app.status', {}));

    const list = await invoke({ name: 'users.list', input: {} });
    expect(JSON.parse(list.body)).toEqual(await inst.backend.invoke('users.list', {}));

    // Errors travel the same way.
    const bad = await invoke({ name: 'users.create', input: { bogus: 1 } });
    expect(bad.status).toBe(200);
    expect(JSON.parse(bad.body)).toEqual(await inst.backend.invoke('users.create', { bogus: 1 }));
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('a wrong Host header (DNS rebinding) → 421, for the API and for static files', async () => {
    const headers = { authorization: `Bearer ${bridge.token}`, host: `evil.example:${port}` };
    expect((await invoke({ name: 'app.status', input: {} }, headers)).status).toBe(421);
    expect((await send({ path: '/', headers: { host: 'evil.example' } })).status).toBe(421);
    expect((await send({ path: '/', headers: { host: `127.0.0.1:${port + 1}` } })).status).toBe(421);
    expect((await send({ path: '/', headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('a foreign Origin → 403', async () => {
    const r = await invoke({ name: 'app.status', input: {} }, { authorization: `Bearer ${bridge.token}`, origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });

  it('malformed JSON or envelope → 400 BAD_REQUEST', async () => {
    const r = await invoke('{"name": "app.status", ');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    for (const envelope of [{ input: {} }, { name: 42 }, [], 'text', { name: '' }]) {
      const e = await invoke(envelope);
      expect(e.status, JSON.stringify(envelope)).toBe(400);
    }
  });

  it('only POST reaches the API', async () => {
    expect((await send({ path: '/api/invoke', headers: { authorization: `Bearer ${bridge.token}` } })).status).toBe(405);
  });

  it('serves static files with a CSP, and falls back to index.html', async () => {
    const js = await send({ path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.body).toBe('console.log(1)');
    expect(js.headers['content-security-policy']).toContain("default-src 'none'");
    const spa = await send({ path: '/users/123' });
    expect(spa.body).toContain('<title>index</title>');
  });

  it('path traversal never leaks files outside the static folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/../../secret.txt',
      '/..\\secret.txt',
      '/../static-evil/x.txt',
      '/%2e%2e/static-evil/x.txt',
      '/../package.json',
      `/${'../'.repeat(12)}etc/passwd`,
      `/${'%2e%2e%2f'.repeat(12)}etc%2fpasswd`,
    ];
    for (const p of attempts) {
      const r = await send({ path: p }).catch((e: Error) => ({ status: -1, headers: {}, body: e.message }));
      expect(r.body, p).not.toContain('TOP-SECRET');
      expect(r.body, p).not.toContain('root:');
      expect(r.body, p).not.toContain('"name"');
      if (r.status === 200) expect(r.body, p).toContain('<title>index</title>');
    }
  });

  it('the bridge stays usable after a login over it: same session as the backend', async () => {
    await inst.call('session.lock', { reason: 'user' });
    const login = await invoke({ name: 'session.login', input: { username: ADMIN.username, password: ADMIN.password } });
    expect(JSON.parse(login.body)).toMatchObject({ ok: true, value: { user: { username: 'admin' } } });
    expect(inst.backend.state()).toBe('unlocked');
  });
});
