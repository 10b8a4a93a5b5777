import { describe, expect, it } from 'vitest';
import { applyPolicy, NO_POLICY, policyPath, readPolicy } from '../../../src-main/settings/admin-policy';
import { backendFromSettings } from '../../../src-main/settings/backend-from-settings';
import { loadSettings, migrateV1toV2, MIGRATIONS, upgrade, type Migration } from '../../../src-main/settings/settings-migrations';
import { SETTINGS_VERSION } from '../../../src-main/settings/settings-schema';
import { z } from 'zod';
import { DEFAULT_SETTINGS, SettingsPatchSchema, SettingsSchema } from '../../../src-main/settings/settings-schema';
import { updateSettings } from '../../../src-main/settings/settings-update';
import { AcceleratorSchema, findConflicts, normalizeAccelerator } from '../../../src-main/settings/hotkey-table';

describe('settings schema', () => {
  it('a patch changes only what it names (zod partial() would fill in defaults)', () => {
    const mine = SettingsSchema.parse({ ...DEFAULT_SETTINGS, connection: { backend: 'onprem', baseUrl: 'https://rec.example.test', agent: { kind: 'Phone', value: '805003' } } });
    const result = updateSettings(mine, SettingsPatchSchema.parse({ settings: { startAtLogin: false } }).settings, NO_POLICY);
    expect(result).toEqual({ ok: true, settings: { ...mine, startAtLogin: false } });
    expect(SettingsPatchSchema.safeParse({ settings: { serverUrl: 'x' } }).success).toBe(false);
  });

  it('defaults to demo mode with a 3-minute pause limit and four hotkeys', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ version: 2, connection: null, maxBlackoutSeconds: 180, startAtLogin: true });
    expect(Object.values(DEFAULT_SETTINGS.hotkeys).every((h) => AcceleratorSchema.safeParse(h).success)).toBe(true);
  });

  it('rejects a bad server URL and a pause limit out of range, naming the field', () => {
    const bad = SettingsSchema.safeParse({ ...DEFAULT_SETTINGS, connection: { backend: 'onprem', baseUrl: 'ftp://x', agent: { kind: 'Phone', value: '1' } }, maxBlackoutSeconds: 5 });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['connection.baseUrl', 'maxBlackoutSeconds']);
  });
});

describe('migrations', () => {
  it('upgrades version 1 (on-premise only, "pause" hotkey) to version 2', () => {
    const v1 = { version: 1, serverUrl: 'https://rec.example.test', agentPhone: '805003', pollMs: 2000, maxPauseSeconds: 90, hotkeys: { pause: 'Alt+F9' } };
    const loaded = loadSettings(v1);
    expect(loaded.problem).toBeNull();
    expect(loaded.settings).toMatchObject({
      version: 2,
      connection: { backend: 'onprem', baseUrl: 'https://rec.example.test', agent: { kind: 'Phone', value: '805003' }, authType: 'none' },
      polling: { activeMs: 2000, idleMs: 12000 },
      maxBlackoutSeconds: 90,
      hotkeys: { toggleBlackout: 'Alt+F9', toggleVoice: 'CommandOrControl+Alt+R' },
    });
    expect(migrateV1toV2({})).toMatchObject({ version: 2, connection: null });
  });

  it('the chain has one step per version, with no gap, up to the current version', () => {
    expect(MIGRATIONS.map((m) => m.from)).toEqual(Array.from({ length: SETTINGS_VERSION - 1 }, (_, i) => i + 1));
  });

  it('a chain runs its steps in order, each checking its own input, and names the step that failed', () => {
    // A synthetic three-step chain: what the next settings version will look like.
    const steps: Migration[] = [
      { from: 1, input: z.looseObject({ a: z.number() }), up: ((v: { a: number }) => ({ version: 2, b: v.a * 2 })) as Migration['up'] },
      { from: 2, input: z.looseObject({ b: z.number() }), up: ((v: { b: number }) => ({ version: 3, c: `${v.b}` })) as Migration['up'] },
      { from: 3, input: z.looseObject({ c: z.string() }), up: ((v: { c: string }) => ({ version: 4, d: [v.c] })) as Migration['up'] },
    ];
    expect(upgrade({ a: 21 }, 1, 4, steps)).toEqual({ value: { version: 4, d: ['42'] }, problem: null });
    expect(upgrade({ b: 5 }, 2, 4, steps)).toEqual({ value: { version: 4, d: ['5'] }, problem: null });
    expect(upgrade({ b: 'x' }, 2, 4, steps).problem).toMatch(/from version 2: b:/);
    expect(upgrade({ a: 1 }, 1, 5, steps).problem).toBe('no upgrade from settings version 4');
  });

  it('an unversioned file is read as version 1', () => {
    expect(loadSettings({ serverUrl: 'https://rec.example.test', agentPhone: '1' }).settings.connection).toMatchObject({ baseUrl: 'https://rec.example.test' });
  });

  it.each([
    ['not an object', 'unreadable', /not a settings object/],
    ['a newer version', { version: 9 }, /written by a newer RecordKey \(version 9\)/],
    ['an invalid field', { version: 2, maxBlackoutSeconds: -1 }, /maxBlackoutSeconds/],
    ['a broken version 1', { version: 1, serverUrl: 42 }, /could not be upgraded from version 1: serverUrl/],
  ])('%s: defaults, with the problem to tell the agent', (_name, raw, problem) => {
    const loaded = loadSettings(raw);
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS);
    expect(loaded.problem).toMatch(problem);
  });
});

describe('admin policy', () => {
  const text = JSON.stringify({ version: 1, settings: { connection: { backend: 'onprem', baseUrl: 'https://rec.corp.test', agent: { kind: 'Phone', value: '0' } } }, lock: ['connection', 'maxBlackoutSeconds'], allowedControls: ['voice', 'blackout'], maxBlackoutSeconds: 120 });

  it('presets and locks settings, caps the pause and turns controls off', () => {
    const policy = readPolicy(text, '/etc/recordkey/policy.json');
    expect(policy).toMatchObject({ locked: ['connection', 'maxBlackoutSeconds'], disallowedControls: ['screen', 'duplicate', 'doNotRecord'], maxBlackoutSeconds: 120, problem: null });
    const applied = applyPolicy({ ...DEFAULT_SETTINGS, maxBlackoutSeconds: 600 }, policy);
    expect(applied.connection).toMatchObject({ baseUrl: 'https://rec.corp.test' });
    expect(applied.maxBlackoutSeconds).toBe(120);
  });

  it('a locked setting cannot be changed; others can', () => {
    const policy = readPolicy(text, 'p');
    expect(updateSettings(DEFAULT_SETTINGS, { maxBlackoutSeconds: 60 }, policy)).toEqual({ ok: false, errors: [{ path: 'maxBlackoutSeconds', message: 'locked by your administrator' }] });
    expect(updateSettings(DEFAULT_SETTINGS, { startAtLogin: false }, policy)).toMatchObject({ ok: true, settings: { startAtLogin: false } });
  });

  it('presets only what the policy names: the agent keeps the rest', () => {
    const policy = readPolicy(JSON.stringify({ version: 1, settings: { maxBlackoutSeconds: 60 } }), 'p');
    expect(policy.presets).toEqual({ maxBlackoutSeconds: 60 });
    const mine = { ...DEFAULT_SETTINGS, startAtLogin: false, timeoutMs: 9000 };
    expect(applyPolicy(mine, policy)).toEqual({ ...mine, maxBlackoutSeconds: 60 });
  });

  it('an unreadable policy locks everything instead of silently unlocking (fail closed)', () => {
    const broken = readPolicy('{"version": 1, "lok": []}', '/etc/recordkey/policy.json');
    expect(broken.locked).toContain('connection');
    expect(broken.problem).toMatch(/admin policy at \/etc\/recordkey\/policy.json is invalid .* all settings are locked/);
    expect(readPolicy('{', 'p').problem).toMatch(/not valid JSON/);
    expect(readPolicy(null, 'p')).toEqual(NO_POLICY);
  });

  it('lives at a machine-wide path per OS', () => {
    expect(policyPath('linux', {})).toBe('/etc/recordkey/policy.json');
    expect(policyPath('darwin', {})).toBe('/Library/Application Support/RecordKey/policy.json');
    expect(policyPath('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\RecordKey\\policy.json');
  });
});

describe('hotkey table', () => {
  it.each([
    ['CommandOrControl+Alt+R', true],
    ['F13', true],
    ['Ctrl+Plus', true],
    ['R', false],
    ['Ctrl+', false],
    ['Hyper+R', false],
    ['Ctrl+Ctrl+R', false],
    ['Alt+Bogus', false],
  ])('%s valid: %s', (accelerator, valid) => {
    expect(AcceleratorSchema.safeParse(accelerator).success).toBe(valid);
  });

  it('finds two actions bound to the same keys however they are spelled', () => {
    expect(normalizeAccelerator('CmdOrCtrl+alt+r')).toBe(normalizeAccelerator('Alt+CommandOrControl+R'));
    expect(findConflicts({ toggleVoice: 'Ctrl+Alt+R', toggleScreen: 'Alt+Control+r', toggleBlackout: null, openWindow: 'F13' })).toEqual([{ accelerator: 'Alt+Control+R', actions: ['toggleVoice', 'toggleScreen'] }]);
  });
});

describe('backend from settings', () => {
  it('no connection means demo; an incomplete one says what is missing', () => {
    expect(backendFromSettings(DEFAULT_SETTINGS, {})).toEqual({ mode: 'demo' });
    const cxone = { ...DEFAULT_SETTINGS, connection: SettingsSchema.shape.connection.parse({ backend: 'cxone', apiBaseUrl: 'https://api.example.test', clientId: 'c', accessKeyId: 'k', userId: 'u' }) };
    expect(backendFromSettings(cxone, {})).toMatchObject({ mode: 'invalid', problem: expect.stringMatching(/clientSecret: the app registration client secret is required/) });
    expect(backendFromSettings(cxone, { cxoneClientSecret: 's', cxoneAccessKeySecret: 'a' })).toMatchObject({ mode: 'server', config: { backend: 'cxone', clientSecret: 's' } });
  });
});
