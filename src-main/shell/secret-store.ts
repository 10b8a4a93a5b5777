/**
 * Secrets (passwords, access key secret, client secret) encrypted with safeStorage and kept
 * in their own file. Where the OS offers no real key store (Linux's basic_text backend), it
 * says so and stores nothing, rather than "encrypting" with a key kept beside the data.
 * A file that cannot be read (truncated, edited, from another machine) is kept aside and
 * reported: RecordKey starts without those secrets instead of not starting at all.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { SecretPersistence } from '../runtime/recordkey-runtime';
import { SECRET_NAMES, type Secrets } from '../settings/settings-schema';
import type { ElectronApi } from './electron-api';

const FileSchema = z.partialRecord(z.enum(SECRET_NAMES), z.string());

/** Reads the file's ciphertexts; a file that does not parse is moved aside and named in `problem`. */
function readCipherFile(file: string, now: () => number): { ciphers: Record<string, string>; problem: string | null } {
  if (!existsSync(file)) return { ciphers: {}, problem: null };
  let why: string;
  try {
    const parsed = FileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { ciphers: parsed.data as Record<string, string>, problem: null };
    why = `${parsed.error.issues[0].path.join('.') || 'the file'}: ${parsed.error.issues[0].message}`;
  } catch (error) {
    why = (error as Error).message;
  }
  const kept = file.replace(/\.json$/, '') + `.corrupt-${now()}.json`;
  try {
    renameSync(file, kept);
  } catch {
    return { ciphers: {}, problem: `The saved passwords and keys could not be read (${why}). Enter them again in Settings.` };
  }
  return { ciphers: {}, problem: `The saved passwords and keys could not be read (${why}); the file was kept as ${kept}. Enter them again in Settings.` };
}

export async function openSecretStore(safeStorage: ElectronApi['safeStorage'], file: string, platform: NodeJS.Platform, now: () => number = Date.now): Promise<SecretPersistence> {
  const realKeyStore = (platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text') && (await safeStorage.isAsyncEncryptionAvailable());
  const cache: Secrets = {};
  const { ciphers, problem } = realKeyStore ? readCipherFile(file, now) : { ciphers: {}, problem: null };
  for (const [name, cipher] of Object.entries(ciphers)) {
    try {
      cache[name as keyof Secrets] = (await safeStorage.decryptStringAsync(Buffer.from(cipher, 'base64'))).result;
    } catch {
      // A secret from another user or machine cannot be read: it counts as not set.
    }
  }
  return {
    storage: realKeyStore ? 'encrypted' : 'unavailable',
    problem,
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
