/**
 * A fake of the Electron surface the shell uses. It is typed as ElectronApi, whose types come
 * from electron.d.ts, so tsc fails if the fake and Electron's API drift apart. It records
 * what the shell did, so tests can assert the wiring.
 */
import type { BrowserWindowLike, ElectronApi, IpcEventLike, MenuItemOptions, TrayLike } from '../../src-main/shell/electron-api';

export class FakeTray implements TrayLike {
  images: string[] = [];
  tooltips: string[] = [];
  menus: MenuItemOptions[][] = [];
  destroyed = false;
  clickListener: (() => void) | null = null;
  constructor(readonly initialImage: string) {}
  setContextMenu(menu: ReturnType<ElectronApi['buildMenu']> | null) {
    this.menus.push(menu as unknown as MenuItemOptions[]);
  }
  setToolTip(text: string) {
    this.tooltips.push(text);
  }
  setImage(image: string | Parameters<TrayLike['setImage']>[0]) {
    this.images.push(String(image));
  }
  destroy() {
    this.destroyed = true;
  }
  on(_event: 'click', listener: () => void) {
    this.clickListener = listener;
    return this;
  }
  get lastMenu(): MenuItemOptions[] {
    return this.menus.at(-1)!;
  }
}

export class FakeWindow implements BrowserWindowLike {
  loaded: string[] = [];
  visible = false;
  destroyed = false;
  sent: Array<[string, unknown]> = [];
  navigateListener: ((event: { preventDefault(): void }, url: string) => void) | null = null;
  windowOpenHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
  permissionHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((wc: unknown, permission: string) => boolean) | null = null;
  closeListener: ((event: { preventDefault(): void }) => void) | null = null;
  webContents = {
    id: 41,
    mainFrame: { url: 'app://recordkey/index.html' },
    send: (channel: string, ...args: unknown[]) => void this.sent.push([channel, args[0]]),
    isDestroyed: () => false,
    on: (_event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void) => {
      this.navigateListener = listener;
      return this.webContents;
    },
    setWindowOpenHandler: (handler: (d: { url: string }) => { action: 'deny' }) => void (this.windowOpenHandler = handler),
    session: {
      setPermissionRequestHandler: (h: FakeWindow['permissionHandler']) => void (this.permissionHandler = h),
      setPermissionCheckHandler: (h: FakeWindow['permissionCheck']) => void (this.permissionCheck = h),
    },
  };
  constructor(readonly options: Parameters<ElectronApi['createWindow']>[0]) {}
  async loadURL(url: string) {
    this.loaded.push(url);
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  on(_event: 'close', listener: (event: { preventDefault(): void }) => void) {
    this.closeListener = listener;
    return this;
  }
}

export interface FakeElectron extends ElectronApi {
  trays: FakeTray[];
  windows: FakeWindow[];
  shortcuts: Map<string, () => void>;
  takenAccelerators: Set<string>;
  handlers: Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>;
  notifications: Array<[string, string]>;
  loginItems: Array<Parameters<ElectronApi['app']['setLoginItemSettings']>[0]>;
}

export function fakeElectron(options: { keyStore?: 'basic_text' | 'gnome_libsecret' } = {}): FakeElectron {
  const trays: FakeTray[] = [];
  const windows: FakeWindow[] = [];
  const shortcuts = new Map<string, () => void>();
  const takenAccelerators = new Set<string>();
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const notifications: Array<[string, string]> = [];
  const loginItems: FakeElectron['loginItems'] = [];
  const api: FakeElectron = {
    trays,
    windows,
    shortcuts,
    takenAccelerators,
    handlers,
    notifications,
    loginItems,
    app: {
      setLoginItemSettings: (settings) => void loginItems.push(settings),
      getLoginItemSettings: () => ({ openAtLogin: loginItems.at(-1)?.openAtLogin ?? false }) as ReturnType<ElectronApi['app']['getLoginItemSettings']>,
      quit: () => {},
      getPath: () => '/tmp',
    },
    createTray: (icon) => {
      const tray = new FakeTray(icon);
      trays.push(tray);
      return tray;
    },
    buildMenu: (template) => template as unknown as ReturnType<ElectronApi['buildMenu']>,
    globalShortcut: {
      register: (accelerator, callback) => {
        if (accelerator.includes('Bogus')) throw new Error(`Failed to parse accelerator ${accelerator}`);
        if (takenAccelerators.has(accelerator)) return false;
        shortcuts.set(accelerator, callback);
        return true;
      },
      unregister: (accelerator) => void shortcuts.delete(accelerator),
      unregisterAll: () => shortcuts.clear(),
    },
    ipcMain: {
      handle: (channel, listener) => void handlers.set(channel, listener),
      removeHandler: (channel) => void handlers.delete(channel),
    },
    createWindow: (o) => {
      const w = new FakeWindow(o);
      windows.push(w);
      return w;
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => options.keyStore !== 'basic_text',
      encryptStringAsync: async (plain) => Buffer.from(`enc:${[...plain].reverse().join('')}`),
      decryptStringAsync: async (buffer) => ({ result: [...buffer.toString().slice(4)].reverse().join(''), shouldReEncrypt: false }),
      getSelectedStorageBackend: () => options.keyStore ?? 'gnome_libsecret',
    },
    notify: (title, body) => void notifications.push([title, body]),
    powerMonitor: { on: () => undefined },
    showConfirm: async () => true,
  };
  return api;
}
