import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendHostLaunch, shouldRestartBackend } from '../../../electron/main/policy';

describe('backendHostLaunch', () => {
  it('starts the bundled host beside main.cjs on the data folder, with a reduced environment', () => {
    const launch = backendHostLaunch('/app/dist/electron', '/home/u/.config/Throughcare/data', {
      PATH: '/usr/bin',
      HOME: '/home/u',
      NODE_OPTIONS: '--require /tmp/evil.js',
      THROUGHCARE_APP_ROOT: '/tmp/elsewhere',
    });
    expect(launch.modulePath).toBe(path.join('/app/dist/electron', 'backendHost.cjs'));
    expect(launch.args).toEqual(['--data', '/home/u/.config/Throughcare/data']);
    expect(launch.options.env).toEqual({ PATH: '/usr/bin', HOME: '/home/u' });
  });
});

describe('shouldRestartBackend', () => {
  it('restarts a crashed data service, but not while quitting or after a crash loop', () => {
    expect(shouldRestartBackend(false, 1)).toBe(true);
    expect(shouldRestartBackend(true, 1)).toBe(false);
    expect(shouldRestartBackend(false, 3)).toBe(false);
  });
});
