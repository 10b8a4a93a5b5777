/**
 * Reads whatever is in the settings file into current Settings: pure, versioned upgrade
 * steps, and a safe fallback. A file that cannot be read is never fatal: the caller backs it
 * up, the defaults are used, and the agent is told why.
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

export type LoadedSettings =
  | { settings: Settings; problem: null }
  /** The file could not be used: back it up, use `settings` (the defaults), tell the agent `problem`. */
  | { settings: Settings; problem: string };

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'the file'}: ${issue.message}`;
}

export function loadSettings(raw: unknown): LoadedSettings {
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS, problem: null };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings: DEFAULT_SETTINGS, problem: 'the settings file is not a settings object' };
  const version = (raw as { version?: unknown }).version ?? 1;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { settings: DEFAULT_SETTINGS, problem: `the settings file has an unknown version (${JSON.stringify(version)})` };
  }
  if (version > SETTINGS_VERSION) {
    return { settings: DEFAULT_SETTINGS, problem: `the settings file was written by a newer RecordKey (version ${version})` };
  }
  let current: unknown = raw;
  if (version === 1) {
    const v1 = V1Schema.safeParse(raw);
    if (!v1.success) return { settings: DEFAULT_SETTINGS, problem: `the settings file could not be upgraded: ${describe(v1.error)}` };
    current = migrateV1toV2(v1.data);
  }
  const parsed = SettingsSchema.safeParse(current);
  if (!parsed.success) return { settings: DEFAULT_SETTINGS, problem: `the settings file is invalid: ${describe(parsed.error)}` };
  return { settings: parsed.data, problem: null };
}
