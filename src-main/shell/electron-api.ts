/**
 * The part of Electron the shell uses, as types taken from electron.d.ts. The shell's
 * adapters receive it as a parameter: main.ts passes the real modules, tests pass a fake
 * that tsc checks against these same types. No runtime import of `electron` here.
 */
import type * as Electron from 'electron';

export type TrayLike = Pick<Electron.Tray, 'setContextMenu' | 'setToolTip' | 'setImage' | 'destroy'> & {
  on(event: 'click', listener: () => void): unknown;
};

export type MenuItemOptions = Electron.MenuItemConstructorOptions;

export type WebContentsLike = Pick<Electron.WebContents, 'send' | 'isDestroyed'> & {
  mainFrame: Pick<Electron.WebFrameMain, 'url'>;
  on(event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
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
}

export type BrowserWindowFactory = (options: Electron.BrowserWindowConstructorOptions) => BrowserWindowLike;

export interface IpcEventLike {
  senderFrame: Pick<Electron.WebFrameMain, 'url'> | null;
  sender: Pick<Electron.WebContents, 'id'>;
}

export interface ElectronApi {
  app: Pick<Electron.App, 'setLoginItemSettings' | 'getLoginItemSettings' | 'quit' | 'getPath'>;
  createTray: (iconPath: string) => TrayLike;
  buildMenu: (template: MenuItemOptions[]) => Electron.Menu;
  globalShortcut: Pick<Electron.GlobalShortcut, 'register' | 'unregister' | 'unregisterAll'>;
  ipcMain: {
    handle(channel: string, listener: (event: IpcEventLike, ...args: unknown[]) => unknown): void;
    removeHandler(channel: string): void;
  };
  createWindow: BrowserWindowFactory;
  safeStorage: Pick<Electron.SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;
  notify: (title: string, body: string) => void;
  powerMonitor: { on(event: 'suspend' | 'resume' | 'lock-screen' | 'unlock-screen', listener: () => void): unknown };
  showConfirm: (options: { title: string; message: string; detail: string; confirm: string; cancel: string }) => Promise<boolean>;
}
