import type { AppState } from '../../src-main/core/ipc-contract';
import { callDuration } from '../view-model';
import { Icon } from './Icon';

export function CallPanel({ state, now }: { state: AppState; now: number }) {
  if (!state.capabilities.canReportStatus) {
    return <section className="call" aria-label="Current call"><p className="muted">This server does not report calls; commands are confirmed by its answers.</p></section>;
  }
  const call = state.agent?.activeCall;
  const held = state.agent?.inactiveCalls ?? [];
  return (
    <section className="call" aria-label="Current call">
      {call ? (
        <>
          <div className="call-line">
            <span className="direction">{call.direction === 'inbound' ? 'Inbound' : call.direction === 'outbound' ? 'Outbound' : 'Call'}</span>
            {/* CXone's status names the contact, not the parties. */}
            <span className="parties">{call.ani || call.dnis ? `${call.ani || '?'} → ${call.dnis || '?'}` : 'caller not reported'}</span>
            <span className="duration" aria-label="Call duration">{callDuration(call.startTime, now) ?? ''}</span>
          </div>
          <div className="call-meta">
            <span>{call.callState}</span>
            <input className="call-instance" readOnly value={call.callInstance} aria-label="Call instance (select to copy)" onFocus={(e) => e.currentTarget.select()} />
          </div>
        </>
      ) : (
        <p className="no-call">No active call</p>
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
      {state.pause.current?.noCallSince && <p className="warning">The call ended while paused: the pause ends by itself in a few seconds unless your administrator keeps pauses across calls.</p>}
    </section>
  );
}
