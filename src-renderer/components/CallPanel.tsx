import type { AppState } from '../../src-main/core/ipc-contract';
import { callStateWords } from '../../src-main/core/agent-words';
import { isStale, type Verdict } from '../../src-main/core/verdict';
import { callDuration } from '../view-model';
import { Icon } from './Icon';

/** The call's details; whether there is a call at all is the verdict's line ("No call", or "Not known — …" without a live status). */
export function CallPanel({ state, verdict, now }: { state: AppState; verdict: Verdict; now: number }) {
  if (!state.capabilities.canReportStatus) {
    return <section className="call" aria-label="Current call"><p className="muted">This server does not report calls; commands are confirmed by its answers.</p></section>;
  }
  // A call last seen before the status was lost is still shown, marked by the verdict's line above it.
  const call = state.agent?.activeCall;
  const stale = isStale(state);
  const held = state.agent?.inactiveCalls ?? [];
  return (
    <section className="call" aria-label="Current call">
      {stale && (
        <p className="no-call" data-testid="call-line">
          {verdict.call}
        </p>
      )}
      {call ? (
        <>
          <div className="call-line">
            <span className="direction">{call.direction === 'inbound' ? 'Inbound' : call.direction === 'outbound' ? 'Outbound' : 'Call'}</span>
            {/* CXone's status names the contact, not the parties. */}
            <span className="parties">{call.ani || call.dnis ? `${call.ani || '?'} → ${call.dnis || '?'}` : 'caller not reported'}</span>
            <span className="duration" aria-label="Call duration">{callDuration(call.startTime, now) ?? ''}</span>
          </div>
          <div className="call-meta">
            <span>{callStateWords(call.callState)}</span>
            {call.callState && <code className="raw-value" title="The call state as the server gives it">{call.callState}</code>}
            <input className="call-instance" readOnly value={call.callInstance} aria-label="Call instance (select to copy)" onFocus={(e) => e.currentTarget.select()} />
          </div>
        </>
      ) : (
        !stale && (
          <p className="no-call" data-testid="call-line">
            {verdict.call}
          </p>
        )
      )}
      {held.length > 0 && (
        <ul className="held" aria-label="Calls on hold">
          {held.map((c) => (
            <li key={c.callInstance}>
              <Icon name="hold" /> On hold: {c.ani || '?'} → {c.dnis || '?'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
