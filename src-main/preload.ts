/**
 * The renderer's narrow, typed API (window.recordkey): the Bridge functions and nothing
 * else; ipcRenderer itself never crosses into the page. Payloads are validated in main.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC } from './core/ipc-channels';

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const handler = (_event: IpcRendererEvent, value: T) => listener(value);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
}

contextBridge.exposeInMainWorld('recordkey', {
  getState: () => ipcRenderer.invoke(IPC.getState),
  onState: (listener: (state: unknown) => void) => subscribe(IPC.stateChanged, listener),
  onNavigate: (listener: (view: unknown) => void) => subscribe(IPC.navigate, listener),
  send: (intent: unknown) => ipcRenderer.invoke(IPC.sendIntent, intent),
  getHistory: () => ipcRenderer.invoke(IPC.getHistory),
  verifyAudit: () => ipcRenderer.invoke(IPC.verifyAudit),
  getSettings: () => ipcRenderer.invoke(IPC.getSettings),
  setSettings: (patch: unknown) => ipcRenderer.invoke(IPC.setSettings, patch),
  findAgents: (request: unknown) => ipcRenderer.invoke(IPC.findAgents, request),
  testConnection: (patch: unknown) => ipcRenderer.invoke(IPC.testConnection, patch),
});
