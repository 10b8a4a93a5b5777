/**
 * The IPC surface of the status window: every handler first checks that the message comes
 * from the app's own window and page (not an iframe, not a navigated-away page), then hands
 * the payload to the runtime, which parses it with the zod contract. Anything else is
 * refused with an error the renderer sees; nothing unvalidated reaches the core.
 */
import { IPC } from '../core/ipc-contract';
import { isAppUrl } from '../desktop/app-url';
import { HistoryCountSchema } from '../runtime/recordkey-runtime';
import type { ElectronApi, IpcEventLike } from './electron-api';
import type { RuntimeFacade } from './runtime-facade';

export class ForeignSenderError extends Error {}

export function registerIpcHandlers(ipcMain: ElectronApi['ipcMain'], runtime: RuntimeFacade, trustedWebContentsId: () => number | null): () => void {
  const guard =
    <A extends unknown[], R>(handler: (...args: A) => R) =>
    (event: IpcEventLike, ...args: unknown[]): R => {
      const frameUrl = event.senderFrame?.url;
      if (event.sender.id !== trustedWebContentsId() || !isAppUrl(frameUrl)) {
        throw new ForeignSenderError(`refused: IPC from ${frameUrl ?? 'an unknown frame'} is not from the RecordKey window`);
      }
      return handler(...(args as A));
    };
  ipcMain.handle(IPC.getState, guard(() => runtime.getState()));
  ipcMain.handle(IPC.sendIntent, guard((intent: unknown) => runtime.send(intent, 'window')));
  ipcMain.handle(
    IPC.getHistory,
    guard((count: unknown) => {
      const parsed = HistoryCountSchema.safeParse(count ?? undefined);
      return runtime.history(parsed.success ? parsed.data : 50);
    }),
  );
  ipcMain.handle(IPC.getSettings, guard(() => runtime.settingsView()));
  ipcMain.handle(IPC.setSettings, guard((patch: unknown) => runtime.updateSettings(patch)));
  return () => {
    for (const channel of [IPC.getState, IPC.sendIntent, IPC.getHistory, IPC.getSettings, IPC.setSettings]) ipcMain.removeHandler(channel);
  };
}
