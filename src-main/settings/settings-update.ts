/**
 * Applies a change from the settings view: refuses locked settings, validates the result
 * with the schema, and reports each problem next to its field.
 */
import type { EffectivePolicy } from './admin-policy';
import { applyPolicy, httpsViolations } from './admin-policy';
import { SettingsSchema, type LockableSetting, type Settings, type SettingsPatch } from './settings-schema';

export type UpdateResult = { ok: true; settings: Settings } | { ok: false; errors: Array<{ path: string; message: string }> };

export function updateSettings(current: Settings, patch: SettingsPatch['settings'], policy: EffectivePolicy): UpdateResult {
  const changes = patch ?? {};
  const lockedTouched = (Object.keys(changes) as LockableSetting[]).filter((k) => policy.locked.includes(k));
  if (lockedTouched.length) {
    return { ok: false, errors: lockedTouched.map((path) => ({ path, message: 'locked by your administrator' })) };
  }
  const parsed = SettingsSchema.safeParse({ ...current, ...changes });
  if (!parsed.success) {
    return { ok: false, errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
  }
  const settings = applyPolicy(parsed.data, policy);
  const insecure = httpsViolations(settings, policy);
  if (insecure.length) return { ok: false, errors: insecure };
  return { ok: true, settings };
}
