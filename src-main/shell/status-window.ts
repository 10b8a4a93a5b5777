/**
 * The small status window: created on first use, hidden instead of closed, loaded from
 * app:// with the renderer's CSP. Locked down: sandboxed, context-isolated, no Node, no
 * navigation, no new windows, every permission request denied.
 */
import type { AppState, ViewName } from '../core/ipc-contract';
import { IPC } from '../core/ipc-contract';
import { APP_INDEX } from '../desktop/app-url';
import type { BrowserWindowLike, ElectronApi } from './electron-api';

export const WINDOW_OPTIONS = (preload: string) => ({
  width: 380,
  height: 600,
  minWidth: 320,
  minHeight: 420,
  show: false,
  title: 'RecordKey',
  autoHideMenuBar: true,
  webPreferences: {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  },
});

export class StatusWindow {
  private window: BrowserWindowLike | null = null;
  private quitting = false;

  constructor(
    private readonly createWindow: ElectronApi['createWindow'],
    private readonly preloadPath: string,
  ) {}

  get webContentsId(): number | null {
    const w = this.window;
    return w && !w.isDestroyed() ? (w.webContents as unknown as { id: number }).id : null;
  }

  /** Creates the window once; later calls return it. */
  ensure(): BrowserWindowLike {
    if (this.window && !this.window.isDestroyed()) return this.window;
    const window = this.createWindow(WINDOW_OPTIONS(this.preloadPath));
    const contents = window.webContents;
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    contents.session.setPermissionCheckHandler(() => false);
    window.on('close', (event) => {
      if (!this.quitting) {
        event.preventDefault();
        window.hide();
      }
    });
    void window.loadURL(APP_INDEX);
    this.window = window;
    return window;
  }

  show(view?: ViewName): void {
    const window = this.ensure();
    window.show();
    window.focus();
    if (view) window.webContents.send(IPC.navigate, view);
  }

  push(state: AppState): void {
    const w = this.window;
    if (w && !w.isDestroyed() && !w.webContents.isDestroyed()) w.webContents.send(IPC.stateChanged, state);
  }

  /** Lets the next close really close (on quit). */
  allowClose(): void {
    this.quitting = true;
  }
}
