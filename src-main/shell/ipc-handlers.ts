/**
 * The status window's requests, answered by the runtime. Registration goes through
 * ValidatedIpcMain, so each handler receives arguments already checked against the IPC
 * contract, from the app's own window only.
 */
import { IPC } from '../core/ipc-contract';
import { DisposableStore, type Disposable } from '../core/lifecycle';
import type { RuntimeFacade } from './runtime-facade';
import type { ValidatedIpcMain } from './validated-ipc-main';

export function registerIpcHandlers(ipc: ValidatedIpcMain, runtime: RuntimeFacade): Disposable {
  const handlers = new DisposableStore();
  handlers.add(ipc.handle(IPC.getState, () => runtime.getState()));
  handlers.add(ipc.handle(IPC.sendIntent, (intent) => runtime.send(intent, 'window')));
  handlers.add(ipc.handle(IPC.getHistory, (count) => runtime.history(count)));
  handlers.add(ipc.handle(IPC.verifyAudit, () => runtime.verifyAudit()));
  handlers.add(ipc.handle(IPC.getSettings, () => runtime.settingsView()));
  handlers.add(ipc.handle(IPC.setSettings, (patch) => runtime.updateSettings(patch)));
  handlers.add(ipc.handle(IPC.findAgents, (request) => runtime.findAgents(request)));
  handlers.add(ipc.handle(IPC.testConnection, (patch) => runtime.testConnection(patch)));
  return handlers;
}
