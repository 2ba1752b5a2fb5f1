import { describe, it, expect } from 'vitest';
import { isAllowedNavigation, isTrustedSender } from '../../../electron/main/policy';

const ROOT = 'file:///opt/Throughcare/resources/app.asar/dist/renderer/';
const INDEX = `${ROOT}index.html`;

describe('isAllowedNavigation', () => {
  it('allows our own renderer pages, with hash routes and queries', () => {
    expect(isAllowedNavigation(INDEX, ROOT)).toBe(true);
    expect(isAllowedNavigation(`${INDEX}#/clients/42`, ROOT)).toBe(true);
    expect(isAllowedNavigation(`${INDEX}?x=1`, ROOT)).toBe(true);
  });
  it('accepts an app root given without a trailing slash', () => {
    expect(isAllowedNavigation(INDEX, ROOT.slice(0, -1))).toBe(true);
  });
  it('blocks navigation to a remote site', () => {
    expect(isAllowedNavigation('https://evil.example/', ROOT)).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:8080/index.html', ROOT)).toBe(false);
  });
  it('blocks navigation to other local files', () => {
    expect(isAllowedNavigation('file:///etc/passwd', ROOT)).toBe(false);
    expect(isAllowedNavigation('file:///C:/Users/victim/Documents/notes.html', ROOT)).toBe(false);
  });
  it('blocks a sibling directory that shares the root prefix', () => {
    expect(isAllowedNavigation('file:///opt/Throughcare/resources/app.asar/dist/renderer-evil/index.html', ROOT)).toBe(false);
  });
  it('blocks path traversal out of the app root', () => {
    expect(isAllowedNavigation(`${ROOT}../../../../etc/passwd`, ROOT)).toBe(false);
    expect(isAllowedNavigation(`${ROOT}%2e%2e/%2e%2e/secret.html`, ROOT)).toBe(false);
    expect(isAllowedNavigation(`${ROOT}..%2f..%2fsecret.html`, ROOT)).toBe(false);
  });
  it('blocks a file URL on another host (UNC share)', () => {
    expect(isAllowedNavigation('file://attacker-host/opt/Throughcare/resources/app.asar/dist/renderer/index.html', ROOT)).toBe(false);
  });
  it('blocks javascript:, data:, blob: and about: URLs', () => {
    expect(isAllowedNavigation('javascript:alert(1)', ROOT)).toBe(false);
    expect(isAllowedNavigation('data:text/html,<script>alert(1)</script>', ROOT)).toBe(false);
    expect(isAllowedNavigation('blob:file:///1234', ROOT)).toBe(false);
    expect(isAllowedNavigation('about:blank', ROOT)).toBe(false);
  });
  it('blocks garbage and empty URLs', () => {
    expect(isAllowedNavigation('', ROOT)).toBe(false);
    expect(isAllowedNavigation('not a url', ROOT)).toBe(false);
  });
  it('allows nothing when the app root itself is not a file URL', () => {
    expect(isAllowedNavigation('https://evil.example/x', 'https://evil.example/')).toBe(false);
    expect(isAllowedNavigation(INDEX, 'not a url')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('accepts IPC from our main frame', () => {
    expect(isTrustedSender(INDEX, ROOT)).toBe(true);
    expect(isTrustedSender(`${INDEX}#/caseload`, ROOT, true)).toBe(true);
  });
  it('refuses IPC from an iframe of another origin', () => {
    expect(isTrustedSender('https://evil.example/frame.html', ROOT, false)).toBe(false);
  });
  it('refuses IPC from a subframe even when it shows our own page', () => {
    expect(isTrustedSender(INDEX, ROOT, false)).toBe(false);
  });
  it('refuses IPC from a main frame that was navigated away to a remote site', () => {
    expect(isTrustedSender('https://evil.example/', ROOT, true)).toBe(false);
  });
  it('refuses IPC from a data: or about:blank document', () => {
    expect(isTrustedSender('data:text/html,hi', ROOT)).toBe(false);
    expect(isTrustedSender('about:blank', ROOT)).toBe(false);
  });
  it('refuses IPC from a local file outside the app root', () => {
    expect(isTrustedSender('file:///tmp/dropped.html', ROOT)).toBe(false);
  });
  it('refuses IPC when the sender frame is gone', () => {
    expect(isTrustedSender(null, ROOT)).toBe(false);
    expect(isTrustedSender(undefined, ROOT)).toBe(false);
    expect(isTrustedSender('', ROOT)).toBe(false);
  });
});
