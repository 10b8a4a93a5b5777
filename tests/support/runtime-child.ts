/**
 * One RecordKey runtime in its own process, for tests that kill it mid-command (SIGKILL, no
 * cleanup): settings from RK_SETTINGS (JSON), its audit log and pause record in RK_DIR. Prints
 * `ready` once connected; on a line `pause` on stdin, submits a pause start and prints `sent`.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RecordKeyRuntime } from '../../src-main/runtime/recordkey-runtime';
import { memoryInFile } from '../../src-main/runtime/runtime-memory';
import { NO_POLICY } from '../../src-main/settings/admin-policy';
import { secretsInMemory, settingsInMemoryOrFile } from '../../src-main/web-harness/memory-persistence';

const dir = process.env.RK_DIR!;
const settings = settingsInMemoryOrFile(null);
settings.write(JSON.parse(process.env.RK_SETTINGS!));
const runtime = await RecordKeyRuntime.start({ settings, secrets: secretsInMemory(), policy: NO_POLICY, auditDir: join(dir, 'audit'), memory: memoryInFile(join(dir, 'recording-state.json')) });
const announceReady = () => {
  if (runtime.getState().connection.status !== 'connected') return false;
  process.stdout.write('ready\n');
  return true;
};
if (!announceReady()) {
  const subscription = runtime.subscribe(() => {
    if (announceReady()) subscription.dispose();
  });
}
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'pause') return;
  runtime.send({ type: 'blackout', action: 'start' }, 'hotkey');
  process.stdout.write('sent\n');
});
