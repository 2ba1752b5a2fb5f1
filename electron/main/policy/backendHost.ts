import path from 'node:path';

/**
 * How the main process starts the backend's utilityProcess: the bundled host beside main.cjs, the data folder as
 * an argument, and an environment reduced to what Node needs, so nothing inherited (NODE_OPTIONS, an app-root
 * override) steers the process that holds the data key.
 */
export function backendHostLaunch(bundleDir: string, dataDir: string, env: Record<string, string | undefined>) {
  const keep = ['PATH', 'HOME', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA', 'TEMP', 'TMP', 'TMPDIR', 'SystemRoot', 'LANG'];
  const cleanEnv: Record<string, string> = {};
  for (const name of keep) if (env[name] !== undefined) cleanEnv[name] = env[name]!;
  return {
    modulePath: path.join(bundleDir, 'backendHost.cjs'),
    args: ['--data', dataDir],
    options: { serviceName: 'Throughcare data service', stdio: 'inherit' as const, env: cleanEnv },
  };
}

/** After the backend process exits: restart it only while the app is running and it has not crash-looped. */
export function shouldRestartBackend(quitting: boolean, recentExits: number): boolean {
  return !quitting && recentExits < 3;
}
