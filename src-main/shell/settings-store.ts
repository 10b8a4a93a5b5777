/**
 * The settings file, through electron-store. A file that is not valid JSON makes
 * electron-store throw; that is caught here, so the runtime can back it up, start from the
 * defaults and tell the agent, instead of the app failing to start.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import type { SettingsPersistence } from '../runtime/recordkey-runtime';
import type { Settings } from '../settings/settings-schema';

export function electronStoreSettings(dir: string): SettingsPersistence {
  const file = join(dir, 'settings.json');
  const open = () => new Store<Record<string, unknown>>({ name: 'settings', cwd: dir, clearInvalidConfig: false });
  let store: Store<Record<string, unknown>> | null = null;
  try {
    store = open();
  } catch {
    store = null;
  }
  return {
    read: () => (store ? (Object.keys(store.store).length ? store.store : undefined) : 'unreadable'),
    write(settings: Settings) {
      store ??= open();
      store.store = settings as unknown as Record<string, unknown>;
    },
    backup() {
      if (!existsSync(file)) return null;
      const target = join(dir, `settings.corrupt-${Date.now()}.json`);
      copyFileSync(file, target);
      rmSync(file);
      store = null;
      return target;
    },
  };
}
