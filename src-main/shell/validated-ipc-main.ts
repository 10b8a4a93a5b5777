/**
 * The only way to answer the renderer (after VS Code's validatedIpcMain): every handler is
 * registered for a channel of the IPC contract's request map, and before it runs
 * - the sender must be the status window's own top frame on an app:// page (not an iframe,
 *   not a page it navigated to, not another webContents), and
 * - the arguments must parse with the channel's schema.
 * Anything else is refused with an error that names the reason. The raw ipcMain is handed to
 * this class alone; an ESLint rule rejects `ipcMain.handle` anywhere else.
 */
import type { z } from 'zod';
import { IPC_REQUESTS, type IpcRequestArgs, type IpcRequestChannel } from '../core/ipc-contract';
import { DisposableStore, toDisposable, type Disposable } from '../core/lifecycle';
import { isAppUrl } from '../desktop/app-url';
import type { IpcEventLike, RawIpcMain } from './electron-api';

export class IpcRefusedError extends Error {}

export class ValidatedIpcMain implements Disposable {
  private readonly handlers = new DisposableStore();

  constructor(
    private readonly raw: RawIpcMain,
    /** The status window's webContents id, or null while there is none. */
    private readonly trustedWebContentsId: () => number | null,
  ) {}

  handle<C extends IpcRequestChannel>(channel: C, handler: (...args: IpcRequestArgs<C>) => unknown): Disposable {
    const schema: z.ZodType = IPC_REQUESTS[channel];
    this.raw.handle(channel, (event, ...args) => {
      this.checkSender(channel, event);
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        // Paths start at the argument's index: [0, 'type'] is the first argument's `type`.
        const where = issue.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
        throw new IpcRefusedError(`refused ${channel}: ${issue.message}${where}`);
      }
      return handler(...(parsed.data as IpcRequestArgs<C>));
    });
    return this.handlers.add(toDisposable(() => this.raw.removeHandler(channel)));
  }

  dispose(): void {
    this.handlers.dispose();
  }

  private checkSender(channel: string, event: IpcEventLike): void {
    const frame = event.senderFrame;
    const why =
      event.sender.id !== this.trustedWebContentsId()
        ? 'it does not come from the RecordKey window'
        : !frame
          ? 'its frame is gone (navigated away or closed)'
          : frame.parent !== null
            ? 'it comes from a subframe (iframe), not the window itself'
            : !isAppUrl(frame.url)
              ? `it comes from ${frame.url}, not RecordKey's own page`
              : null;
    if (why) throw new IpcRefusedError(`refused ${channel}: ${why}`);
  }
}
