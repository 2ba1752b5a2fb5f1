/**
 * Thin Electron shell: window, security handlers, one IPC channel, menu and lock signals.
 * Everything else lives in electron/node (plain Node, no electron import) and runs in a utilityProcess
 * (dist/electron/backendHost.cjs): this process only brokers calls between the window and it, so neither
 * SQLite nor a key derivation nor a PDF can freeze the window.
 * Bundled to dist/electron/main.cjs, so __dirname is dist/electron at run time.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  session,
  utilityProcess,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import type { ApiResult } from '../../shared/api/contract';
import { RemoteBackend } from '../node/host/backendHost';
import {
  buildApplicationMenu,
  backendHostLaunch,
  buildWebPreferences,
  shouldRestartBackend,
  contentSecurityPolicy,
  isAllowedNavigation,
  isTrustedSender,
  permissionDecision,
  windowOpenDecision,
  type MenuCommand,
  type MenuItemModel,
} from './policy';
import { menuLabel } from './menuLabels';

const INVOKE_CHANNEL = 'throughcare:invoke';
const LOCK_CHANNEL = 'throughcare:lock-requested';

const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererDir = path.join(__dirname, '..', 'renderer');
const rendererIndex = path.join(rendererDir, 'index.html');
const appRootUrl = pathToFileURL(rendererDir + path.sep).href;

let backend: RemoteBackend | null = null;
let quitting = false;
let recentBackendExits = 0;
let mainWindow: BrowserWindow | null = null;

// Sandbox every renderer, including any we did not create ourselves.
app.enableSandbox();
// Date inputs follow the browser locale: day-first (cs-CZ) so that "11/12" is never read month-first.
app.commandLine.appendSwitch('lang', 'cs-CZ');

if (!app.requestSingleInstanceLock()) {
  // A second process would open the same encrypted database concurrently.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (err: unknown) => fail(err));
}

function fail(err: unknown): void {
  // Log without data: the message may name a path but never personal data.
  console.error('Throughcare failed to start:', err instanceof Error ? err.message : String(err));
  dialog.showErrorBox('Throughcare', 'Throughcare could not start. See the console output for details.');
  app.exit(1);
}

async function start(): Promise<void> {
  try {
    backend = startBackendHost();
  } catch (err) {
    fail(err);
    return;
  }
  hardenSession();
  registerIpc();
  Menu.setApplicationMenu(Menu.buildFromTemplate(toTemplate(buildApplicationMenu(menuLabel, process.platform === 'darwin', !app.isPackaged))));
  powerMonitor.on('lock-screen', requestLock);
  powerMonitor.on('suspend', requestLock);
  await createWindow();
}

function hardenSession(): void {
  const ses = session.defaultSession;
  const csp = contentSecurityPolicy();
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // No remote content at all: the app is offline by design.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permissionDecision(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  ses.setDevicePermissionHandler(() => false);
}

// Applies to every webContents, so a frame or window we did not expect is still contained.
app.on('web-contents-created', (_event, contents: WebContents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, appRootUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url, appRootUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => windowOpenDecision());
});

async function createWindow(): Promise<void> {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Throughcare',
    webPreferences: buildWebPreferences(preloadPath, app.isPackaged),
  });
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  await win.loadFile(rendererIndex);
}

function registerIpc(): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, name: unknown, input: unknown): Promise<ApiResult<unknown>> => {
    const frame = event.senderFrame;
    const trusted =
      mainWindow !== null &&
      event.sender === mainWindow.webContents &&
      frame !== null &&
      isTrustedSender(frame.url, appRootUrl, frame.parent === null);
    if (!trusted) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted IPC sender.' } };
    }
    if (typeof name !== 'string' || !backend) {
      return { ok: false, error: { code: 'BAD_REQUEST', message: 'Malformed call.' } };
    }
    return backend.invoke(name, input);
  });
}

/** The backend's utilityProcess; if it dies, open calls get an error result, the window locks, and it restarts. */
function startBackendHost(): RemoteBackend {
  const launch = backendHostLaunch(__dirname, path.join(app.getPath('userData'), 'data'), process.env);
  const child = utilityProcess.fork(launch.modulePath, launch.args, launch.options);
  const remote = new RemoteBackend((request) => child.postMessage(request));
  child.on('message', (message) => remote.receive(message));
  child.on('exit', (code) => {
    remote.hostGone();
    if (backend !== remote) return;
    console.error('Throughcare data service exited', { code });
    recentBackendExits += 1;
    setTimeout(() => (recentBackendExits = Math.max(0, recentBackendExits - 1)), 60_000).unref();
    if (!shouldRestartBackend(quitting, recentBackendExits)) {
      backend = null;
      if (!quitting) fail(new Error('The data service stopped repeatedly.'));
      return;
    }
    backend = startBackendHost();
    requestLock(); // a fresh process has no session: the window shows the login again
  });
  return remote;
}

function requestLock(): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(LOCK_CHANNEL);
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: menuLabel('menu.about'),
    message: `Throughcare ${app.getVersion()}`,
    detail: 'Offline case management and signed, encrypted handover.',
  };
  if (mainWindow) void dialog.showMessageBox(mainWindow, options);
  else void dialog.showMessageBox(options);
}

const commands: Record<MenuCommand, () => void> = {
  'lock-now': requestLock,
  about: showAbout,
};

/** Turns the pure menu model into Electron's template by attaching click handlers. */
function toTemplate(items: MenuItemModel[]): MenuItemConstructorOptions[] {
  return items.map(({ command, submenu, ...rest }) => {
    const item: MenuItemConstructorOptions = { ...rest };
    if (submenu) item.submenu = toTemplate(submenu);
    if (command) item.click = commands[command];
    return item;
  });
}

app.on('window-all-closed', () => {
  // Quit on every platform: a windowless process would keep the database open.
  app.quit();
});

app.on('will-quit', (event) => {
  quitting = true;
  const b = backend;
  if (!b) return;
  // Let the data service lock and close the database before the app exits.
  event.preventDefault();
  backend = null;
  void b.close().finally(() => app.quit());
});
