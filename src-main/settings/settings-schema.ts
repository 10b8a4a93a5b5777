/**
 * The settings, as one zod schema: the single source of truth for the settings file, the
 * settings view, IPC and the admin policy. Secrets are not here: they live encrypted beside
 * the settings (secret-store), and the views only say whether each one is set.
 */
import { z } from 'zod';
import { AgentRefSchema } from '../core/agent-snapshot';
import { CXONE_ENDPOINT_FIELDS } from '../core/cxone-endpoint-defaults';
import { HttpUrlSchema, MAX_RELAYS, RelayUrlSchema, RequestTimeoutSchema } from '../core/http-url-schema';
import { MAX_FAILOVER_SERVERS } from '../core/failover-policy';
import { DEFAULT_MAX_PAUSE_SECONDS, DEFAULT_REMINDER_SECONDS, MAX_PAUSE_SECONDS_RANGE } from '../core/pause-policy';
import { PollIntervalsSchema } from '../core/poll-schedule';
import { RecordingVocabularySchema } from '../core/recording-vocabulary';
import { AcceleratorSchema, HOTKEY_ACTIONS } from './hotkey-table';

export const SETTINGS_VERSION = 2;


export const OnPremConnectionSchema = z.object({
  backend: z.literal('onprem'),
  baseUrl: HttpUrlSchema,
  /** The site's other Recording API servers, in order: RecordKey fails over to them (README, "Several servers"). */
  failoverUrls: z.array(HttpUrlSchema).max(MAX_FAILOVER_SERVERS, `at most ${MAX_FAILOVER_SERVERS} more servers`).default([]),
  /** The site relay(s), in order: the status pushed instead of polled while one is usable (README, "The site relay"). */
  relayUrls: z.array(RelayUrlSchema).max(MAX_RELAYS, `at most ${MAX_RELAYS} relays`).default([]),
  agent: AgentRefSchema,
  authType: z.enum(['none', 'basic', 'header']).default('none'),
  username: z.string().default(''),
  headerName: z.string().regex(/^[A-Za-z0-9-]*$/, 'an HTTP header name').default(''),
});

export const CxoneConnectionSchema = z.object({
  backend: z.literal('cxone'),
  /** The tenant's API host; empty: looked up from `tenantId`. */
  apiBaseUrl: z.union([HttpUrlSchema, z.literal('')]).default(''),
  tenantId: z.string().trim().max(64).default(''),
  tokenUrl: HttpUrlSchema.default('https://cxone.niceincontact.com/auth/token'),
  clientId: z.string().min(1, 'the app registration client id is required'),
  accessKeyId: z.string().min(1, 'the access key id is required'),
  userId: z.string().min(1, 'the CXone user id is required'),
  ...CXONE_ENDPOINT_FIELDS,
  /** A Recording API that reports the agent's calls (optional). */
  statusServerUrl: HttpUrlSchema.optional(),
  statusAgent: AgentRefSchema.optional(),
});

export const ConnectionSchema = z.discriminatedUnion('backend', [OnPremConnectionSchema, CxoneConnectionSchema]);
export type Connection = z.infer<typeof ConnectionSchema>;

export const HotkeysSchema = z.object(Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, AcceleratorSchema.nullable()])) as Record<(typeof HOTKEY_ACTIONS)[number], z.ZodNullable<typeof AcceleratorSchema>>);

export const SettingsSchema = z.object({
  version: z.literal(SETTINGS_VERSION),
  /** null: no server configured, so the app runs in demo mode against the built-in simulator. */
  connection: ConnectionSchema.nullable().default(null),
  timeoutMs: RequestTimeoutSchema,
  extraCaFile: z.string().min(1).optional(),
  polling: PollIntervalsSchema.default(PollIntervalsSchema.parse({})),
  maxBlackoutSeconds: z.number().int().min(MAX_PAUSE_SECONDS_RANGE.min, 'at least 10 seconds').max(MAX_PAUSE_SECONDS_RANGE.max, 'at most an hour').default(DEFAULT_MAX_PAUSE_SECONDS),
  reminderSeconds: z.array(z.number().int().min(1).max(600)).max(5).default([...DEFAULT_REMINDER_SECONDS]),
  /** RecordingState values this server uses beyond the defaults (Recording, BlackedOut, ScreenRecording, ScreenBlackedOut). */
  recordingStates: RecordingVocabularySchema.default({ voiceRecording: [], voicePaused: [], screenRecording: [], screenPaused: [] }),
  /** 'yes': the admin knows this server's status shows pauses; 'learn': RecordKey learns it when it first sees one. */
  statusShowsPauses: z.enum(['learn', 'yes']).default('learn'),
  /** A pause outlives the call (only its maximum ends it); by default it ends once the agent has had no call for a few seconds. */
  keepPauseAcrossCalls: z.boolean().default(false),
  /**
   * On-premise: send the status read that confirms a command behind it on the same connection
   * (HTTP/1.1 pipelining), so a command is confirmed in one round trip. Off by default: a proxy
   * in between may not answer pipelined requests in order; RecordKey detects a server that does
   * not and falls back, but the admin decides.
   */
  pipelineConfirmingRead: z.boolean().default(false),
  hotkeys: HotkeysSchema.default({
    toggleVoice: 'CommandOrControl+Alt+R',
    toggleScreen: 'CommandOrControl+Alt+S',
    toggleBlackout: 'CommandOrControl+Alt+P',
    openWindow: 'CommandOrControl+Alt+K',
  }),
  startAtLogin: z.boolean().default(true),
  notifications: z.object({ failures: z.boolean().default(true), blackoutReminders: z.boolean().default(true) }).default({ failures: true, blackoutReminders: true }),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({ version: SETTINGS_VERSION });

/**
 * Any subset of the settings, with no defaults filled in. zod's `.partial()` keeps each
 * field's default, so a patch of `{ startAtLogin: false }` would silently reset the server
 * connection to demo mode; patches and policy presets use this schema instead.
 */
export const SettingsSubsetSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(SettingsSchema.omit({ version: true }).shape).map(([key, field]) => [key, (field instanceof z.ZodDefault ? field.unwrap() : field).optional()]),
  ) as unknown as { [K in Exclude<keyof Settings, 'version'>]: z.ZodOptional<z.ZodType<Settings[K]>> },
);
export type SettingsSubset = Partial<Omit<Settings, 'version'>>;

export const SECRET_NAMES = ['onpremPassword', 'authHeaderValue', 'cxoneClientSecret', 'cxoneAccessKeySecret', 'relayToken'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];
export type Secrets = Partial<Record<SecretName, string>>;

/** The top-level settings an admin policy can lock (and the settings view shows locked). */
export const LOCKABLE = ['connection', 'timeoutMs', 'extraCaFile', 'polling', 'maxBlackoutSeconds', 'reminderSeconds', 'recordingStates', 'statusShowsPauses', 'keepPauseAcrossCalls', 'pipelineConfirmingRead', 'hotkeys', 'startAtLogin', 'notifications'] as const;
export type LockableSetting = (typeof LOCKABLE)[number];

/** What the settings view is shown: settings, which are locked, and which secrets are set (never their values). */
export const SettingsViewSchema = z.object({
  settings: SettingsSchema,
  locked: z.array(z.enum(LOCKABLE)),
  secretsSet: z.record(z.enum(SECRET_NAMES), z.boolean()),
  /** Whether the OS offers a real key store for secrets; when false, secrets cannot be saved. */
  secretStorage: z.enum(['encrypted', 'unavailable']),
  /** Controls the admin policy does not allow (hidden or disabled in every surface). */
  disallowedControls: z.array(z.string()),
  hotkeyStatus: z.record(z.string(), z.string()),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/** What the settings view may send: any subset of settings, plus write-only secrets. */
export const SettingsPatchSchema = z.object({
  settings: SettingsSubsetSchema.optional(),
  secrets: z.partialRecord(z.enum(SECRET_NAMES), z.string().max(4096)).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;

export const SettingsResultSchema = z.union([
  z.object({ ok: z.literal(true), view: SettingsViewSchema }),
  z.object({ ok: z.literal(false), errors: z.array(z.object({ path: z.string(), message: z.string() })) }),
]);
export type SettingsResult = z.infer<typeof SettingsResultSchema>;
