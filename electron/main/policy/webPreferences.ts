import type { WebPreferences } from 'electron';

/** Renderer is untrusted: isolated, sandboxed, no Node, no relaxed web security. */
export function buildWebPreferences(preloadPath: string, packaged: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // DevTools would let anyone at the keyboard run code against the unlocked session.
    devTools: !packaged,
  };
}
