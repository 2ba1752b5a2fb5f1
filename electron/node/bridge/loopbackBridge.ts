import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { invokeRequestSchema } from '../../../shared/api';
import { ATTACHMENT_MAX_BASE64_CHARS } from '../../../shared/schemas/attachment';
import type { BackendPort } from '../host/backendHost';

/**
 * The loopback HTTP bridge: the same dispatcher as Electron IPC, for the browser development mode and the
 * end-to-end tests. 127.0.0.1 only, random port, random per-run token. Never part of the packaged app.
 */
export interface Bridge {
  url: string;
  /** The URL to open: the token travels in the fragment, which the browser never sends to a server. */
  appUrl: string;
  token: string;
  close(): Promise<void>;
}

// The largest call carries one attachment as base64 (10 MiB → 13.4 MiB) plus its envelope.
const MAX_BODY = Math.ceil(ATTACHMENT_MAX_BASE64_CHARS * 1.05) + 64 * 1024;
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function tokenMatches(header: string | undefined, token: string): boolean {
  const presented = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(opts: { backend: BackendPort; staticDir: string | null; port?: number; token?: string }): Promise<Bridge> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  let port = 0;

  const server = createServer(async (req, res) => {
    // DNS-rebinding defence: only our own loopback host names are served.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, { error: 'wrong host' });
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
      if (!tokenMatches(req.headers.authorization, token)) return send(res, 401, { error: 'missing or wrong bridge token' });
      const origin = req.headers.origin;
      if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) return send(res, 403, { error: 'wrong origin' });
      const body = await readBody(req);
      if (body === null) return send(res, 413, { error: 'request too large' });
      let envelope: unknown;
      try {
        envelope = JSON.parse(body);
      } catch {
        return send(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: 'The request is not valid JSON.' } });
      }
      const parsed = invokeRequestSchema.safeParse(envelope);
      if (!parsed.success) return send(res, 400, { ok: false, error: { code: 'BAD_REQUEST', message: 'The request envelope is malformed.' } });
      const result = await opts.backend.invoke(parsed.data.name, parsed.data.input);
      return send(res, 200, result);
    }

    if (!opts.staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) return send(res, 404, { error: 'not found' });
    const root = path.resolve(opts.staticDir);
    const wanted = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
    const file = wanted.startsWith(root + path.sep) && existsSync(wanted) && statSync(wanted).isFile() ? wanted : path.join(root, 'index.html');
    if (!existsSync(file)) return send(res, 404, { error: 'renderer not built: run `npm run build:renderer`' });
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    appUrl: `${url}/#token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
