import type { AppState } from '../../src-main/core/ipc-contract';
import { CONNECTION_WORDS } from '../view-model';

export function Header({ state }: { state: AppState }) {
  const ok = state.connection.status === 'connected' || state.connection.status === 'no-status';
  return (
    <header className="header">
      <div className="header-line">
        <span className={`connection ${ok ? 'ok' : 'bad'}`} role="status" aria-label={`Connection: ${CONNECTION_WORDS[state.connection.status]}`}>
          <span aria-hidden="true">{ok ? '●' : '⚠'}</span> {CONNECTION_WORDS[state.connection.status]}
        </span>
        {state.demo && (
          <span className="demo-badge" title="Demo mode: nothing is recorded; RecordKey is talking to its built-in simulator">
            DEMO
          </span>
        )}
      </div>
      <div className="agent">
        {state.agentLabel}
        {state.agent?.username ? ` · ${state.agent.username}` : ''}
      </div>
    </header>
  );
}
