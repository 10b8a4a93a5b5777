/**
 * The tray: icon, tooltip and context menu redrawn from the AppState on every change (and
 * every second while a pause counts down), through the pure models in desktop/. Menu clicks
 * become intents for the runtime or shell commands.
 */
import { join } from 'node:path';
import type { AppState } from '../core/ipc-contract';
import { DisposableStore, toDisposable, type Disposable } from '../core/lifecycle';
import type { Scheduler, TimerHandle } from '../core/scheduler';
import { buildTrayMenu, type MenuAction, type MenuItemModel } from '../desktop/tray-menu-model';
import { tooltipFor, trayIconFor, type TrayIconName } from '../desktop/tray-icon';
import { verdictFor } from '../core/verdict';
import type { ElectronApi, MenuItemOptions, TrayLike } from './electron-api';
import type { RuntimeFacade } from './runtime-facade';

export type ShellCommand = Extract<MenuAction, { command: string }>['command'];

export function trayIconPath(assetsDir: string, platform: NodeJS.Platform, name: TrayIconName): string {
  if (platform === 'darwin') return join(assetsDir, 'tray', 'mac', `${name}Template.png`);
  if (platform === 'win32') return join(assetsDir, 'tray', 'win', `${name}.ico`);
  return join(assetsDir, 'tray', 'linux', `${name}.png`);
}

export interface TrayOptions {
  assetsDir: string;
  platform: NodeJS.Platform;
  scheduler: Scheduler;
  onCommand: (command: ShellCommand) => void;
}

export class TrayPresenter implements Disposable {
  private tray: TrayLike | null = null;
  private model: MenuItemModel[] = [];
  private icon: TrayIconName | null = null;
  private shown = { tooltip: '', menu: '' };
  private readonly lifetime = new DisposableStore();
  private ticker: TimerHandle | null = null;

  constructor(
    private readonly api: Pick<ElectronApi, 'createTray' | 'buildMenu'>,
    private readonly runtime: RuntimeFacade,
    private readonly options: TrayOptions,
  ) {}

  start(): this {
    const state = this.runtime.getState();
    this.icon = trayIconFor(verdictFor(state, this.options.scheduler.now()));
    const tray = this.api.createTray(trayIconPath(this.options.assetsDir, this.options.platform, this.icon));
    this.tray = tray;
    this.lifetime.add(
      toDisposable(() => {
        tray.destroy();
        this.tray = null;
      }),
    );
    tray.on('click', () => this.options.onCommand('show-window'));
    this.render(state);
    this.lifetime.add(this.runtime.subscribe((s) => this.render(s)));
    this.lifetime.add(toDisposable(() => this.stopTicker()));
    return this;
  }

  dispose(): void {
    this.lifetime.dispose();
  }

  /** The menu as last shown (tests and the Playwright test hook read it). */
  get menu(): MenuItemModel[] {
    return this.model;
  }

  /** Acts as if the agent clicked the item whose label starts with `label` (Playwright cannot click an OS tray). */
  clickByLabel(label: string): boolean {
    const item = this.model.find((i) => i.type !== 'separator' && i.label.startsWith(label));
    if (!item || item.type === 'separator' || !item.enabled) return false;
    this.perform(item.action);
    return true;
  }

  private render(state: AppState): void {
    if (!this.tray) return;
    const now = this.options.scheduler.now();
    const verdict = verdictFor(state, now);
    const icon = trayIconFor(verdict);
    if (icon !== this.icon) {
      this.icon = icon;
      this.tray.setImage(trayIconPath(this.options.assetsDir, this.options.platform, icon));
    }
    const tooltip = tooltipFor(state, verdict);
    if (tooltip !== this.shown.tooltip) this.tray.setToolTip((this.shown.tooltip = tooltip));
    const settings = this.runtime.currentSettings;
    this.model = buildTrayMenu(state, { now, verdict, startAtLogin: settings.startAtLogin, hotkeys: settings.hotkeys });
    // A poll a second mostly changes nothing the menu shows; rebuild (Linux needs a new menu to show a change) only when it does.
    const menuKey = JSON.stringify(this.model);
    if (menuKey !== this.shown.menu) {
      this.shown.menu = menuKey;
      this.tray.setContextMenu(this.api.buildMenu(this.model.map((item) => this.template(item))));
    }
    this.syncTicker(verdict.countdown !== null);
  }

  private template(item: MenuItemModel): MenuItemOptions {
    if (item.type === 'separator') return { type: 'separator' };
    const keys: MenuItemOptions = item.accelerator ? { accelerator: item.accelerator, registerAccelerator: false } : {};
    // registerAccelerator false: the key is shown beside the item but stays the global hotkey's; the menu must not claim it too.
    return { id: item.id, type: item.type, label: item.label, enabled: item.enabled, checked: item.checked, ...keys, click: () => this.perform(item.action) };
  }

  private perform(action: MenuAction): void {
    if ('intent' in action) this.runtime.send(action.intent, 'tray');
    else this.options.onCommand(action.command);
  }

  /** While paused, the menu and tooltip show the time left, so they are redrawn each second. */
  private syncTicker(counting: boolean): void {
    if (counting && !this.ticker) this.scheduleTick();
    else if (!counting) this.stopTicker();
  }

  private scheduleTick(): void {
    this.ticker = this.options.scheduler.after(1000, () => {
      this.ticker = null;
      this.render(this.runtime.getState());
    });
  }

  private stopTicker(): void {
    this.ticker?.cancel();
    this.ticker = null;
  }
}
