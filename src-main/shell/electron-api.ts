/**
 * The part of Electron the shell uses, as types taken from electron.d.ts. The shell's
 * adapters receive it as a parameter: main.ts passes the real modules, tests pass a fake
 * (tests/support/fake-electron.ts) that tsc checks against these same types, and the bundle
 * test runs main.js against a recording stand-in. No runtime import of `electron` here.
 */
import type * as Electron from 'electron';

export type TrayLike = Pick<Electron.Tray, 'setContextMenu' | 'setToolTip' | 'setImage' | 'destroy'> & {
  on(event: 'click', listener: () => void): unknown;
};

export type MenuItemOptions = Electron.MenuItemConstructorOptions;

export type WebContentsLike = Pick<Electron.WebContents, 'send' | 'isDestroyed' | 'isLoading'> & {
  id: number;
  mainFrame: Pick<Electron.WebFrameMain, 'url'>;
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  once(event: 'did-finish-load', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  session: {
    setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
    setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  };
};

export interface BrowserWindowLike {
  webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  isVisible(): boolean;
  isDestroyed(): boolean;
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  /** Windows only: logoff, restart or shutdown; `before-quit` never comes then. */
  on(event: 'session-end', listener: (event: { reasons: string[] }) => void): unknown;
}

export type BrowserWindowFactory = (options: Electron.BrowserWindowConstructorOptions) => BrowserWindowLike;

export interface IpcEventLike {
  /** The frame that sent the message: null once it navigated away or was destroyed. */
  senderFrame: (Pick<Electron.WebFrameMain, 'url'> & { parent: unknown }) | null;
  sender: Pick<Electron.WebContents, 'id'>;
}

/** The raw ipcMain: only ValidatedIpcMain may hold it (an ESLint rule enforces that). */
export interface RawIpcMain {
  handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The app events the shell listens to. */
export interface AppEvents {
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string, additionalData: unknown) => void): unknown;
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
}

export interface ConfirmOptions {
  title: string;
  message: string;
  detail: string;
  confirm: string;
  cancel: string;
}

export interface ElectronApi {
  app: Pick<
    Electron.App,
    'setLoginItemSettings' | 'getLoginItemSettings' | 'quit' | 'exit' | 'relaunch' | 'getPath' | 'isPackaged' | 'getAppPath' | 'setAppUserModelId' | 'setDesktopName' | 'focus'
  > &
    AppEvents;
  protocol: Pick<Electron.Protocol, 'handle' | 'registerSchemesAsPrivileged'>;
  createTray: (iconPath: string) => TrayLike;
  buildMenu: (template: MenuItemOptions[]) => Electron.Menu;
  globalShortcut: Pick<Electron.GlobalShortcut, 'register' | 'unregister' | 'unregisterAll'>;
  ipcMain: RawIpcMain;
  createWindow: BrowserWindowFactory;
  safeStorage: Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;
  notify: (title: string, body: string) => void;
  powerMonitor: {
    on(event: 'suspend', listener: () => void): unknown;
    on(event: 'resume', listener: () => void): unknown;
    /**
     * Linux and macOS: the system is about to shut down; preventDefault delays it while
     * RecordKey resumes a pause. The docs promise the event, electron.d.ts omits it: optional.
     */
    on(event: 'shutdown', listener: (event?: { preventDefault(): void }) => void): unknown;
  };
  /** A modal question, in front of `parent` (a menu-bar app has no window of its own in front otherwise). */
  showConfirm: (options: ConfirmOptions, parent: BrowserWindowLike) => Promise<boolean>;
}
