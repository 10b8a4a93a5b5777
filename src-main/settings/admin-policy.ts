/**
 * The optional admin policy: a read-only, machine-wide JSON file that presets settings,
 * locks them, limits the pause length and turns controls off. A policy file that exists but
 * cannot be read locks everything (fail closed) rather than silently unlocking.
 */
import { z } from 'zod';
import { CONTROL_NAMES, type ControlName } from '../core/ipc-contract';
import { LOCKABLE, SettingsSubsetSchema, type LockableSetting, type Settings } from './settings-schema';
import { plainHttpAddresses } from './server-encryption';

export const PolicySchema = z.strictObject({
  version: z.literal(1),
  /** Values that replace the agent's own for these settings. */
  settings: SettingsSubsetSchema.default({}),
  /** Settings the agent cannot change; "all" locks every one. */
  lock: z.union([z.literal('all'), z.array(z.enum(LOCKABLE))]).default([]),
  /** Controls offered to agents; omitted: all. */
  allowedControls: z.array(z.enum(CONTROL_NAMES)).optional(),
  /** The longest pause an agent may set. */
  maxBlackoutSeconds: z.number().int().min(10).max(3600).optional(),
  /** Every server address must be https:// (an http:// one is refused in Settings and not used). */
  requireHttps: z.boolean().default(false),
});
export type Policy = z.infer<typeof PolicySchema>;

/** Where the policy lives on each OS (documented in the README). */
export function policyPath(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (platform === 'win32') return `${env.ProgramData ?? 'C:\\ProgramData'}\\RecordKey\\policy.json`;
  if (platform === 'darwin') return '/Library/Application Support/RecordKey/policy.json';
  return '/etc/recordkey/policy.json';
}

export interface EffectivePolicy {
  locked: LockableSetting[];
  disallowedControls: ControlName[];
  presets: Partial<Settings>;
  maxBlackoutSeconds: number | null;
  requireHttps: boolean;
  /** Set when the policy file exists but could not be used. */
  problem: string | null;
}

export const NO_POLICY: EffectivePolicy = { locked: [], disallowedControls: [], presets: {}, maxBlackoutSeconds: null, requireHttps: false, problem: null };

/** `text` is the file's content, or null when there is no policy file. */
/** A policy file that exists but cannot be read (permissions, I/O): fail closed, like an invalid one. */
export function unreadablePolicy(path: string, reason: string): EffectivePolicy {
  return { ...NO_POLICY, locked: [...LOCKABLE], problem: `the admin policy at ${path} could not be read (${reason}), so all settings are locked; ask your administrator` };
}

export function readPolicy(text: string | null, path: string): EffectivePolicy {
  if (text === null) return NO_POLICY;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ...NO_POLICY, locked: [...LOCKABLE], problem: `the admin policy at ${path} is not valid JSON, so all settings are locked; ask your administrator` };
  }
  const parsed = PolicySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ...NO_POLICY, locked: [...LOCKABLE], problem: `the admin policy at ${path} is invalid (${issue.path.join('.') || 'file'}: ${issue.message}), so all settings are locked; ask your administrator` };
  }
  const p = parsed.data;
  return {
    locked: p.lock === 'all' ? [...LOCKABLE] : p.lock,
    disallowedControls: p.allowedControls ? CONTROL_NAMES.filter((c) => !p.allowedControls!.includes(c)) : [],
    presets: p.settings as Partial<Settings>,
    maxBlackoutSeconds: p.maxBlackoutSeconds ?? null,
    requireHttps: p.requireHttps,
    problem: null,
  };
}

/** Why the settings break the policy's https rule, or null: said next to the field, and nothing is sent there. */
export function httpsViolations(settings: Settings, policy: EffectivePolicy): Array<{ path: string; message: string }> {
  if (!policy.requireHttps) return [];
  return plainHttpAddresses(settings.connection).map((a) => ({ path: a.path, message: `your administrator requires https:// for every server (${a.url} is http://)` }));
}

/** The settings in force: presets over the agent's own, the pause length capped. */
export function applyPolicy(settings: Settings, policy: EffectivePolicy): Settings {
  const merged = { ...settings, ...policy.presets, version: settings.version } as Settings;
  if (policy.maxBlackoutSeconds !== null) merged.maxBlackoutSeconds = Math.min(merged.maxBlackoutSeconds, policy.maxBlackoutSeconds);
  return merged;
}
