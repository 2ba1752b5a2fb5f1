// Builds the renderer, then serves it with the real Node side over the loopback bridge.
import { spawnSync, spawn } from 'node:child_process';

const build = spawnSync('npx', ['vite', 'build', '--config', 'vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const server = spawn('npx', ['tsx', 'electron/node/bridge/devWeb.ts'], { stdio: 'inherit' });
server.on('exit', (code) => process.exit(code ?? 0));
