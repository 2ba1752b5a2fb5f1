import { describe, it, expect } from 'vitest';
import { contentSecurityPolicy } from '../../../electron/main/policy';

function parse(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('contentSecurityPolicy', () => {
  const csp = parse(contentSecurityPolicy());

  it('denies everything not listed (default-src none)', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
  });
  it('blocks injected inline scripts and eval', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });
  it('blocks exfiltration to remote servers via fetch/XHR/WebSocket', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });
  it('loads no remote images or fonts (no tracking pixels)', () => {
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('font-src')).toEqual(["'self'", 'data:']);
  });
  it('allows inline styles only, for Mantine, and no remote stylesheets', () => {
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
  it('blocks base-tag hijacking, form posts, framing and plugins', () => {
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
  });
  it('mentions no remote origin and no unsafe-eval anywhere', () => {
    const raw = contentSecurityPolicy();
    expect(raw).not.toMatch(/https?:|\*|unsafe-eval|wasm-unsafe-eval/);
  });
  it('has exactly the expected directives', () => {
    expect([...csp.keys()].sort()).toEqual(
      [
        'base-uri',
        'connect-src',
        'default-src',
        'font-src',
        'form-action',
        'frame-ancestors',
        'img-src',
        'object-src',
        'script-src',
        'style-src',
      ].sort(),
    );
  });
});
