/**
 * A fake of the Electron surface the shell uses. It is typed as ElectronApi, whose types come
 * from electron.d.ts, so tsc fails if the fake and Electron's API drift apart. It records
 * what the shell did, so tests can assert the wiring.
 */
import type { BrowserWindowLike, ConfirmOptions, ElectronApi, IpcEventLike, MenuItemOptions, TrayLike } from '../../src-main/shell/electron-api';

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
  sessionEndListener: ((event: { reasons: string[] }) => void) | null = null;
  finishLoad: (() => void) | null = null;
  static nextId = 41;
  webContents = {
    id: FakeWindow.nextId++,
    mainFrame: { url: 'app://recordkey/index.html' },
    send: (channel: string, ...args: unknown[]) => void this.sent.push([channel, args[0]]),
    isDestroyed: () => false,
    isLoading: () => this.finishLoad !== null,
    on: (_event: 'will-navigate', listener: (event: { preventDefault(): void }, url: string) => void) => {
      this.navigateListener = listener;
      return this.webContents;
    },
    once: (_event: 'did-finish-load', listener: () => void) => {
      this.finishLoad = listener;
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
  /** The page finished loading (what Electron's did-finish-load announces). */
  completeLoad() {
    const listener = this.finishLoad;
    this.finishLoad = null;
    listener?.();
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
  on(event: 'close' | 'session-end', listener: ((event: { preventDefault(): void }) => void) | ((event: { reasons: string[] }) => void)) {
    if (event === 'close') this.closeListener = listener as FakeWindow['closeListener'];
    else this.sessionEndListener = listener as FakeWindow['sessionEndListener'];
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
  /** Every call the shell made on `app` that changes the process (quit, exit, relaunch, focus, identity). */
  appCalls: string[];
  appListeners: Map<string, Array<(...args: never[]) => void>>;
  powerListeners: Map<string, Array<(...args: never[]) => void>>;
  protocolHandlers: Map<string, (request: Request) => Response | Promise<Response>>;
  privilegedSchemes: string[];
  confirms: Array<{ options: ConfirmOptions; parent: BrowserWindowLike }>;
  /** What the next confirmation dialog answers. */
  confirmAnswer: boolean;
  /** Emits an app event as Electron would. */
  emitApp(event: string, ...args: unknown[]): void;
  emitPower(event: string, ...args: unknown[]): void;
}

export function fakeElectron(options: { keyStore?: 'basic_text' | 'gnome_libsecret'; isPackaged?: boolean; openedAtLogin?: boolean } = {}): FakeElectron {
  const trays: FakeTray[] = [];
  const windows: FakeWindow[] = [];
  const shortcuts = new Map<string, () => void>();
  const takenAccelerators = new Set<string>();
  const handlers = new Map<string, (event: IpcEventLike, ...args: unknown[]) => unknown>();
  const notifications: Array<[string, string]> = [];
  const loginItems: FakeElectron['loginItems'] = [];
  const appCalls: string[] = [];
  const appListeners = new Map<string, Array<(...args: never[]) => void>>();
  const powerListeners = new Map<string, Array<(...args: never[]) => void>>();
  const listen = (map: Map<string, Array<(...args: never[]) => void>>) => (event: string, listener: (...args: never[]) => void) => {
    map.set(event, [...(map.get(event) ?? []), listener]);
    return undefined;
  };
  const emit = (map: Map<string, Array<(...args: never[]) => void>>) => (event: string, ...args: unknown[]) => {
    for (const listener of map.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  };
  const api: FakeElectron = {
    appCalls,
    appListeners,
    powerListeners,
    protocolHandlers: new Map(),
    privilegedSchemes: [],
    confirms: [],
    confirmAnswer: true,
    emitApp: emit(appListeners),
    emitPower: emit(powerListeners),
    trays,
    windows,
    shortcuts,
    takenAccelerators,
    handlers,
    notifications,
    loginItems,
    app: {
      setLoginItemSettings: (settings) => void loginItems.push(settings),
      getLoginItemSettings: () => ({ openAtLogin: loginItems.at(-1)?.openAtLogin ?? false, wasOpenedAtLogin: options.openedAtLogin ?? false }) as ReturnType<ElectronApi['app']['getLoginItemSettings']>,
      quit: () => void appCalls.push('quit'),
      exit: (code?: number) => void appCalls.push(`exit ${code ?? 0}`),
      relaunch: () => void appCalls.push('relaunch'),
      focus: (o?: { steal: boolean }) => void appCalls.push(`focus${o?.steal ? ' steal' : ''}`),
      setAppUserModelId: (id: string) => void appCalls.push(`setAppUserModelId ${id}`),
      setDesktopName: (name: string) => void appCalls.push(`setDesktopName ${name}`),
      getPath: () => '/tmp',
      isPackaged: options.isPackaged ?? true,
      getAppPath: () => '/src/recordkey',
      on: listen(appListeners) as FakeElectron['app']['on'],
    },
    protocol: {
      handle: (scheme, handler) => void api.protocolHandlers.set(scheme, handler as (request: Request) => Response | Promise<Response>),
      registerSchemesAsPrivileged: (schemes) => void api.privilegedSchemes.push(...schemes.map((s) => s.scheme)),
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
    powerMonitor: { on: listen(powerListeners) as FakeElectron['powerMonitor']['on'] },
    showConfirm: async (o, parent) => {
      api.confirms.push({ options: o, parent });
      return api.confirmAnswer;
    },
  };
  return api;
}
