/**
 * A recording stand-in for the `electron` module, for running the real dist/main/main.js in a
 * plain Node child process (tests/unit/packaging/main-bundle.test.ts). It implements the
 * surface main.js and electron-store use, records what the app did, and plays the renderer:
 * loadURL fetches the page through the app's own protocol handler and evaluates the real
 * preload.cjs with a stand-in contextBridge/ipcRenderer wired to the app's ipcMain handlers.
 *
 * The test drives it over the fork IPC channel: {id, cmd, ...} → {id, result} | {id, error}.
 * What it cannot prove (the real Chromium sandbox, the OS tray, native dialogs) is listed in
 * the README ("What the bundle test proves").
 */
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

const record = {
  lock: null,
  appCalls: [],
  privilegedSchemes: [],
  protocols: [],
  trays: [],
  windows: [],
  handlers: [],
  shortcuts: [],
  notifications: [],
  dialogs: [],
  loginItems: [],
};
const protocolHandlers = new Map();
const ipcHandlers = new Map();
const trays = [];
const windows = [];

// ── app ────────────────────────────────────────────────────────────────────────
class App extends EventEmitter {
  isPackaged = false;
  #paths = { userData: process.env.RECORDKEY_USER_DATA ?? process.cwd() };
  #quitting = false;
  whenReady() {
    return new Promise((resolve) => setImmediate(() => (this.emit('ready'), resolve())));
  }
  requestSingleInstanceLock(additionalData) {
    record.lock = structuredClone(additionalData ?? null);
    return process.env.STANDIN_LOCK_TAKEN !== '1';
  }
  getPath(name) {
    return this.#paths[name] ?? process.env.HOME;
  }
  setPath(name, value) {
    this.#paths[name] = value;
  }
  getAppPath() {
    return process.cwd();
  }
  getVersion() {
    return '0.0.0-stand-in';
  }
  getName() {
    return 'RecordKey';
  }
  setAppUserModelId(id) {
    record.appCalls.push(`setAppUserModelId ${id}`);
  }
  setDesktopName(name) {
    record.appCalls.push(`setDesktopName ${name}`);
  }
  setLoginItemSettings(settings) {
    record.loginItems.push(settings);
  }
  getLoginItemSettings() {
    return { openAtLogin: false, wasOpenedAtLogin: false };
  }
  focus(options) {
    record.appCalls.push(`focus${options?.steal ? ' steal' : ''}`);
  }
  relaunch() {
    record.appCalls.push('relaunch');
  }
  /** Like Electron: before-quit may be prevented; otherwise the process ends. */
  quit() {
    record.appCalls.push('quit');
    if (this.#quitting) return;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.#quitting = true;
    this.emit('will-quit', { preventDefault() {} });
    exitSoon(0);
  }
  exit(code = 0) {
    record.appCalls.push(`exit ${code}`);
    exitSoon(code);
  }
}
export const app = new App();

function exitSoon(code) {
  send({ event: 'exit', code, record: snapshot() });
  setImmediate(() => process.exit(code));
}

// ── protocol ───────────────────────────────────────────────────────────────────
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record.privilegedSchemes.push(...schemes.map((s) => ({ scheme: s.scheme, privileges: s.privileges })));
  },
  handle(scheme, handler) {
    protocolHandlers.set(scheme, handler);
    record.protocols.push(scheme);
  },
};

async function fetchThroughProtocol(url) {
  const handler = protocolHandlers.get(new URL(url).protocol.slice(0, -1));
  if (!handler) throw new Error(`no protocol handler for ${url}`);
  const response = await handler(new Request(url));
  const body = Buffer.from(await response.arrayBuffer());
  return { url, status: response.status, headers: Object.fromEntries(response.headers), body: body.toString('utf8') };
}

// ── tray, menu ─────────────────────────────────────────────────────────────────
const menuView = (items) => items.map((i) => ({ id: i.id, type: i.type ?? 'normal', label: i.label, enabled: i.enabled !== false, checked: i.checked, accelerator: i.accelerator, registerAccelerator: i.registerAccelerator }));

export class Tray extends EventEmitter {
  constructor(image) {
    super();
    this.view = { image: String(image), imageExists: existsSync(String(image)), images: [], tooltip: '', menu: [], destroyed: false };
    this.menuItems = [];
    trays.push(this);
    record.trays.push(this.view);
  }
  setImage(image) {
    this.view.images.push({ image: String(image), exists: existsSync(String(image)) });
  }
  setToolTip(text) {
    this.view.tooltip = text;
  }
  setContextMenu(menu) {
    this.menuItems = menu?.items ?? [];
    this.view.menu = menuView(this.menuItems);
  }
  destroy() {
    this.view.destroyed = true;
  }
}

export const Menu = {
  buildFromTemplate: (template) => ({ items: template }),
};

// ── windows and the renderer they host ────────────────────────────────────────
let nextWebContentsId = 1;

class WebContents extends EventEmitter {
  constructor(window) {
    super();
    this.id = nextWebContentsId++;
    this.window = window;
    this.mainFrame = { url: '', parent: null };
    this.loading = false;
    this.destroyed = false;
    this.rendererListeners = new Map();
    this.session = { setPermissionRequestHandler: (h) => (window.view.permissionRequestHandler = typeof h), setPermissionCheckHandler: (h) => (window.view.permissionCheckHandler = typeof h) };
  }
  setWindowOpenHandler(handler) {
    this.window.view.windowOpen = handler({ url: 'https://example.invalid/' });
  }
  isDestroyed() {
    return this.destroyed;
  }
  isLoading() {
    return this.loading;
  }
  send(channel, ...args) {
    this.window.view.sent.push(channel);
    for (const listener of this.rendererListeners.get(channel) ?? []) listener({ sender: null }, ...structuredClone(args));
  }
}

export class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.view = { options: structuredClone({ ...options, webPreferences: { ...options.webPreferences } }), loaded: [], pages: [], sent: [], visible: false, exposed: [], preloadError: null };
    this.webContents = new WebContents(this);
    this.exposed = {};
    windows.push(this);
    record.windows.push(this.view);
  }
  async loadURL(url) {
    this.view.loaded.push(url);
    this.webContents.loading = true;
    this.webContents.mainFrame.url = url;
    const page = await fetchThroughProtocol(url);
    this.view.pages.push({ url, status: page.status, contentType: page.headers['content-type'], csp: page.headers['content-security-policy'] ?? null, length: page.body.length });
    try {
      runPreload(this);
    } catch (error) {
      this.view.preloadError = String(error);
    }
    this.webContents.loading = false;
    this.webContents.emit('did-finish-load');
  }
  show() {
    this.view.visible = true;
  }
  hide() {
    this.view.visible = false;
  }
  focus() {}
  isVisible() {
    return this.view.visible;
  }
  isDestroyed() {
    return false;
  }
}

/** Evaluates the real preload.cjs as a sandboxed preload would run: only `electron` may be required. */
function runPreload(window) {
  const file = window.view.options.webPreferences.preload;
  const code = readFileSync(file, 'utf8');
  const contents = window.webContents;
  const rendererElectron = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        window.exposed[key] = api;
        window.view.exposed.push({ key, methods: Object.keys(api).sort() });
      },
    },
    ipcRenderer: {
      async invoke(channel, ...args) {
        const handler = ipcHandlers.get(channel);
        if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
        const event = { sender: contents, senderFrame: { url: contents.mainFrame.url, parent: null } };
        try {
          return structuredClone(await handler(event, ...structuredClone(args)));
        } catch (error) {
          throw new Error(`Error invoking remote method '${channel}': ${error}`);
        }
      },
      on(channel, listener) {
        contents.rendererListeners.set(channel, [...(contents.rendererListeners.get(channel) ?? []), listener]);
      },
      removeListener(channel, listener) {
        contents.rendererListeners.set(channel, (contents.rendererListeners.get(channel) ?? []).filter((l) => l !== listener));
      },
    },
  };
  const module = { exports: {} };
  const sandboxRequire = (id) => {
    if (id === 'electron') return rendererElectron;
    throw new Error(`a sandboxed preload cannot require '${id}'`);
  };
  new Function('require', 'module', 'exports', '__filename', '__dirname', code)(sandboxRequire, module, module.exports, file, dirname(file));
}

// ── the rest of the surface ───────────────────────────────────────────────────
export const ipcMain = {
  handle(channel, handler) {
    ipcHandlers.set(channel, handler);
    record.handlers.push(channel);
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
    record.handlers = record.handlers.filter((c) => c !== channel);
  },
  // electron-store registers a sync channel; nothing in the renderer can reach it (no ipcRenderer in the page).
  on() {},
};

export const globalShortcut = {
  register(accelerator) {
    record.shortcuts.push(accelerator);
    return true;
  },
  unregister(accelerator) {
    record.shortcuts = record.shortcuts.filter((a) => a !== accelerator);
  },
  unregisterAll() {
    record.shortcuts = [];
  },
};

export class Notification {
  static isSupported() {
    return true;
  }
  constructor(options) {
    this.options = options;
  }
  show() {
    record.notifications.push({ title: this.options.title, body: this.options.body });
  }
}

export const dialog = {
  async showMessageBox(parent, options) {
    record.dialogs.push({ hasParent: parent instanceof BrowserWindow, message: options.message });
    return { response: 0 };
  },
  showErrorBox(title, content) {
    record.dialogs.push({ hasParent: false, message: `${title}: ${content}` });
  },
};

export const powerMonitor = new EventEmitter();

export const safeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptStringAsync: async (plain) => Buffer.from(`enc:${Buffer.from(plain).toString('base64')}`),
  decryptStringAsync: async (buffer) => {
    const text = buffer.toString();
    if (!text.startsWith('enc:')) throw new Error('not encrypted by this stand-in');
    return { result: Buffer.from(text.slice(4), 'base64').toString(), shouldReEncrypt: false };
  },
};

export const shell = { openPath: async () => '' };

export default { app, protocol, Tray, Menu, BrowserWindow, ipcMain, globalShortcut, Notification, dialog, powerMonitor, safeStorage, shell };

// ── the test's commands ───────────────────────────────────────────────────────
function snapshot() {
  return structuredClone(record);
}

function send(message) {
  if (process.connected) process.send(message);
}

const commands = {
  snapshot: () => snapshot(),
  /** A call through window.recordkey (the preload's API) of window `window`. */
  renderer: async ({ window = 0, method, args = [] }) => {
    const api = windows[window]?.exposed.recordkey;
    if (!api) throw new Error(`window ${window} has no window.recordkey`);
    return api[method](...args);
  },
  /** A call as if from another webContents (a foreign page): must be refused. */
  foreignInvoke: async ({ channel }) => {
    const handler = ipcHandlers.get(channel);
    return handler({ sender: { id: 9999 }, senderFrame: { url: 'https://evil.example/', parent: null } });
  },
  fetch: ({ url }) => fetchThroughProtocol(url),
  secondInstance: ({ argv, additionalData }) => {
    app.emit('second-instance', { preventDefault() {} }, argv, process.cwd(), additionalData);
    return true;
  },
  clickTray: ({ label }) => {
    const item = trays.at(-1)?.menuItems.find((i) => typeof i.label === 'string' && i.label.startsWith(label));
    if (!item) throw new Error(`no tray item "${label}"`);
    item.click?.();
    return true;
  },
  quit: () => {
    app.quit();
    return true;
  },
};

process.on('message', async (message) => {
  const command = commands[message?.cmd];
  if (!command) return send({ id: message?.id, error: `unknown command ${message?.cmd}` });
  try {
    send({ id: message.id, result: await command(message) });
  } catch (error) {
    send({ id: message.id, error: String(error?.stack ?? error) });
  }
});
