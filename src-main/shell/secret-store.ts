/**
 * Secrets (passwords, access key secret, client secret) encrypted with safeStorage and kept
 * in their own file. Where the OS offers no real key store (Linux's basic_text backend), it
 * says so and stores nothing, rather than "encrypting" with a key kept beside the data.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SecretPersistence } from '../runtime/recordkey-runtime';
import { SECRET_NAMES, type Secrets } from '../settings/settings-schema';
import type { ElectronApi } from './electron-api';

const FileSchema = z.partialRecord(z.enum(SECRET_NAMES), z.string());

export async function openSecretStore(safeStorage: ElectronApi['safeStorage'], file: string, platform: NodeJS.Platform): Promise<SecretPersistence> {
  const realKeyStore = (platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text') && (await safeStorage.isAsyncEncryptionAvailable());
  const cache: Secrets = {};
  if (realKeyStore && existsSync(file)) {
    const parsed = FileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    for (const [name, cipher] of Object.entries(parsed.success ? parsed.data : {})) {
      try {
        cache[name as keyof Secrets] = (await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'))).result;
      } catch {
        // A secret from another user or machine cannot be read: it counts as not set.
      }
    }
  }
  return {
    storage: realKeyStore ? 'encrypted' : 'unavailable',
    read: () => ({ ...cache }),
    async write(patch) {
      if (!realKeyStore) throw new Error('no secure key store: secrets are not saved');
      for (const [name, value] of Object.entries(patch)) {
        if (value) cache[name as keyof Secrets] = value;
        else delete cache[name as keyof Secrets];
      }
      const out: Record<string, string> = {};
      for (const [name, value] of Object.entries(cache)) out[name] = (await safeStorage.encryptStringAsync(value!)).toString('base64');
      writeFileSync(`${file}.tmp`, JSON.stringify(out), { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}
