/**
 * Settings and secrets for the browser harness: kept in memory (or a settings file when
 * given), never written anywhere in the clear. The harness is a development and test host,
 * not where agents keep credentials.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SecretPersistence, SettingsPersistence } from '../runtime/recordkey-runtime';
import type { Secrets, Settings } from '../settings/settings-schema';

export function settingsInMemoryOrFile(file: string | null): SettingsPersistence {
  let memory: unknown = undefined;
  return {
    read() {
      if (!file) return memory;
      if (!existsSync(file)) return undefined;
      try {
        return JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return 'unreadable';
      }
    },
    write(settings: Settings) {
      if (file) writeFileSync(file, JSON.stringify(settings, null, 2));
      else memory = settings;
    },
    backup() {
      if (!file || !existsSync(file)) return null;
      const target = `${file}.corrupt-${Date.now()}`;
      copyFileSync(file, target);
      return target;
    },
  };
}

export function secretsInMemory(initial: Secrets = {}): SecretPersistence {
  let secrets: Secrets = Object.fromEntries(Object.entries(initial).filter(([, v]) => v));
  return {
    storage: 'encrypted',
    read: () => ({ ...secrets }),
    write(patch) {
      secrets = { ...secrets, ...patch };
      for (const [k, v] of Object.entries(secrets)) if (v === '') delete secrets[k as keyof Secrets];
    },
  };
}
