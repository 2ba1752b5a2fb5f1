/** The only bridge to the renderer: one invoke function and the lock signal. Nothing else is exposed. */
import { contextBridge, ipcRenderer } from 'electron';

contextBridge.exposeInMainWorld('throughcare', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('throughcare:invoke', name, input),
  onLockRequested: (cb: () => void): void => {
    // Wrap so the renderer never receives the IpcRendererEvent (it carries ipcRenderer via sender).
    ipcRenderer.on('throughcare:lock-requested', () => cb());
  },
});
