/**
 * The small status window: created on first use, hidden instead of closed, loaded from
 * app:// with the renderer's CSP. Locked down: sandboxed, context-isolated, no Node, no
 * navigation, no new windows, every permission request denied.
 *
 * A view asked for before the page has loaded (the tray's "Settings…" on a fresh window)
 * travels in the URL's hash; the renderer has not subscribed to navigate messages yet.
 */
import type { AppState, ViewName } from '../core/ipc-contract';
import { IPC } from '../core/ipc-contract';
import { Emitter, type Event } from '../core/emitter';
import { appIndexFor } from '../desktop/app-url';
import { PRODUCT_NAME } from '../desktop/app-identity';
import type { BrowserWindowLike, ElectronApi } from './electron-api';

export const WINDOW_OPTIONS = (preload: string) => ({
  width: 380,
  height: 600,
  minWidth: 320,
  minHeight: 420,
  show: false,
  title: PRODUCT_NAME,
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
  private loaded = false;
  /** A view asked for while the page was still loading: sent once it has. */
  private pendingView: ViewName | null = null;
  private readonly sessionEnding = new Emitter<[reasons: string[]]>();
  /** Windows' logoff/shutdown, which skips before-quit (the window must exist to hear it: see ensure()). */
  readonly onSessionEnd: Event<[reasons: string[]]> = this.sessionEnding.event;

  constructor(
    private readonly createWindow: ElectronApi['createWindow'],
    private readonly preloadPath: string,
  ) {}

  get webContentsId(): number | null {
    const w = this.window;
    return w && !w.isDestroyed() ? w.webContents.id : null;
  }

  /** Creates the window once (hidden); later calls return it. */
  ensure(view?: ViewName): BrowserWindowLike {
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
    window.on('session-end', (event) => this.sessionEnding.fire(event.reasons));
    this.loaded = false;
    contents.once('did-finish-load', () => {
      this.loaded = true;
      const view = this.pendingView;
      this.pendingView = null;
      if (view) contents.send(IPC.navigate, view);
    });
    void window.loadURL(appIndexFor(view));
    this.window = window;
    return window;
  }

  show(view?: ViewName): BrowserWindowLike {
    const fresh = !this.window || this.window.isDestroyed();
    const window = this.ensure(view);
    window.show();
    window.focus();
    if (view && !fresh) {
      if (this.loaded) window.webContents.send(IPC.navigate, view);
      else this.pendingView = view;
    }
    return window;
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
