import { describe, it, expect } from 'vitest';
import { buildWebPreferences } from '../../../electron/main/policy';

describe('buildWebPreferences', () => {
  const prefs = buildWebPreferences('/app/dist/electron/preload.cjs', true);

  it('isolates the preload world from page scripts (contextIsolation)', () => {
    expect(prefs.contextIsolation).toBe(true);
  });
  it('runs the renderer in the OS sandbox', () => {
    expect(prefs.sandbox).toBe(true);
  });
  it('gives page scripts and workers no Node.js access', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('keeps the same-origin policy and refuses mixed content', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
  });
  it('enables no experimental web features, webview tag or drag-and-drop navigation', () => {
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });
  it('does not send typed text to a spellchecker', () => {
    expect(prefs.spellcheck).toBe(false);
  });
  it('uses the given preload script', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
  });
  it('disables DevTools in the packaged app so nobody can script the unlocked session', () => {
    expect(buildWebPreferences('/p.cjs', true).devTools).toBe(false);
  });
  it('allows DevTools only in development', () => {
    const dev = buildWebPreferences('/p.cjs', false);
    expect(dev.devTools).toBe(true);
    // Development does not relax anything else.
    expect({ ...dev, devTools: false }).toEqual(buildWebPreferences('/p.cjs', true));
  });
});
