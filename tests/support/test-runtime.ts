/** A real RecordKeyRuntime with in-memory settings and secrets, for shell and runtime tests. */
import { RecordKeyRuntime, type RuntimeOptions } from '../../src-main/runtime/recordkey-runtime';
import { NO_POLICY } from '../../src-main/settings/admin-policy';
import { MemoryAuditSink } from '../../src-main/core/audit-log';
import { secretsInMemory, settingsInMemoryOrFile } from '../../src-main/web-harness/memory-persistence';

export function startTestRuntime(overrides: Partial<RuntimeOptions> = {}, initialSettings?: unknown): Promise<RecordKeyRuntime> {
  const settings = settingsInMemoryOrFile(null);
  if (initialSettings !== undefined) settings.write(initialSettings as never);
  return RecordKeyRuntime.start({ settings, secrets: secretsInMemory(), policy: NO_POLICY, auditDir: null, audit: new MemoryAuditSink(), ...overrides });
}
