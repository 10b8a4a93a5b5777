/**
 * Reads whatever is in the settings file into current Settings: a chain of pure upgrade
 * steps, one per version (after mattermost/desktop's upgradePreferences), and a safe
 * fallback. A file that cannot be read is never fatal: the caller backs it up, the defaults
 * are used, and the agent is told why.
 *
 * To change the settings' shape: bump SETTINGS_VERSION, add one step at the end of
 * MIGRATIONS that reads the previous version (its own schema, loose) and returns the next.
 */
import { z } from 'zod';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, SettingsSchema, type Settings } from './settings-schema';

/** Version 1 (RecordKey 0.0.x): on-premise only, one poll interval, "pause" instead of blackout. */
const V1Schema = z.looseObject({
  version: z.literal(1).optional(),
  serverUrl: z.string().optional(),
  agentPhone: z.string().optional(),
  pollMs: z.number().optional(),
  maxPauseSeconds: z.number().optional(),
  hotkeys: z.record(z.string(), z.string()).optional(),
  startAtLogin: z.boolean().optional(),
});

export function migrateV1toV2(v1: z.infer<typeof V1Schema>): unknown {
  const hotkeys = v1.hotkeys ?? {};
  return {
    version: 2,
    connection: v1.serverUrl ? { backend: 'onprem', baseUrl: v1.serverUrl, agent: { kind: 'Phone', value: v1.agentPhone ?? '' } } : null,
    polling: v1.pollMs ? { activeMs: v1.pollMs, idleMs: Math.max(v1.pollMs * 6, 500) } : undefined,
    maxBlackoutSeconds: v1.maxPauseSeconds,
    hotkeys: {
      ...DEFAULT_SETTINGS.hotkeys,
      ...(hotkeys.record ? { toggleVoice: hotkeys.record } : {}),
      ...(hotkeys.pause ? { toggleBlackout: hotkeys.pause } : {}),
    },
    startAtLogin: v1.startAtLogin,
  };
}

/** One upgrade: reads version `from` (checked with `input`) and returns version `from + 1`. */
export interface Migration {
  from: number;
  input: z.ZodType;
  up(previous: never): unknown;
}

const migration = <S extends z.ZodType>(from: number, input: S, up: (previous: z.infer<S>) => unknown): Migration => ({ from, input, up: up as Migration['up'] });

/** Every step, in order: MIGRATIONS[i] upgrades version i + 1 (a test checks the chain has no gap and ends at SETTINGS_VERSION). */
export const MIGRATIONS: readonly Migration[] = [migration(1, V1Schema, migrateV1toV2)];

export type LoadedSettings =
  | { settings: Settings; problem: null }
  /** The file could not be used: back it up, use `settings` (the defaults), tell the agent `problem`. */
  | { settings: Settings; problem: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'the file'}: ${issue.message}`;
}

/** Runs the steps from `version` up to `target`; pure, so each chain is testable on its own. */
export function upgrade(raw: object, version: number, target: number, steps: readonly Migration[] = MIGRATIONS): { value: unknown; problem: string | null } {
  let current: unknown = raw;
  for (let v = version; v < target; v++) {
    const step = steps.find((s) => s.from === v);
    if (!step) return { value: null, problem: `no upgrade from settings version ${v}` };
    const input = step.input.safeParse(current);
    if (!input.success) return { value: null, problem: `the settings file could not be upgraded from version ${v}: ${describe(input.error)}` };
    current = step.up(input.data as never);
  }
  return { value: current, problem: null };
}

export function loadSettings(raw: unknown): LoadedSettings {
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problem: null };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings: DEFAULT_SETTINGS, problem: 'the settings file is not a settings object' };
  // Version 1 files had no version field.
  const version = (raw as { version?: unknown }).version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { settings: DEFAULT_SETTINGS, problem: `the settings file has an unknown version (${JSON.stringify(version)})` };
  }
  if (version > SETTINGS_VERSION) {
    return { settings: DEFAULT_SETTINGS, problem: `the settings file was written by a newer RecordKey (version ${version})` };
  }
  const upgraded = upgrade(raw, version, SETTINGS_VERSION);
  if (upgraded.problem) return { settings: DEFAULT_SETTINGS, problem: upgraded.problem };
  const parsed = SettingsSchema.safeParse(upgraded.value);
  if (!parsed.success) return { settings: DEFAULT_SETTINGS, problem: `the settings file is invalid: ${describe(parsed.error)}` };
  return { settings: parsed.data, problem: null };
}
