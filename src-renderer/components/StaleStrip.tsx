import type { AppState } from '../../src-main/core/ipc-contract';
import { formatLocalTime } from '../../src-main/core/time-format';
import { isStale } from '../../src-main/core/verdict';
import { Icon } from './Icon';

/** Says loudly when the state shown may be out of date, so an agent never trusts a stale indicator. */
export function StaleStrip({ state, now }: { state: AppState; now: number }) {
  if (!isStale(state)) return null;
  const since = state.connection.lastOkAt ? `Last confirmed at ${formatLocalTime(state.connection.lastOkAt, now)}.` : 'Nothing confirmed yet.';
  return (
    <div className="stale-strip" role="alert">
      <strong>
        <Icon name="alert" /> Recording state unknown.
      </strong> {state.connection.message ?? 'RecordKey cannot reach the recording server.'} {since} Do not rely on the indicators below.
    </div>
  );
}
