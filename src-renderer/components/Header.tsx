import type { AppState } from '../../src-main/core/ipc-contract';
import { CONNECTION_WORDS } from '../../src-main/core/agent-words';
import { Icon } from './Icon';

export function Header({ state }: { state: AppState }) {
  const ok = state.connection.status === 'connected' || state.connection.status === 'no-status';
  return (
    <header className="header">
      <div className="header-line">
        <span className={`connection ${ok ? 'ok' : 'bad'}`} role="status" aria-label={`Connection: ${CONNECTION_WORDS[state.connection.status]}`}>
          <Icon name={ok ? 'ok' : 'alert'} /> {CONNECTION_WORDS[state.connection.status]}
        </span>
      </div>
      <div className="agent">
        {state.agentLabel}
        {state.agent?.username ? ` · ${state.agent.username}` : ''}
        {!state.demo && <span className="server" title="The recording server RecordKey is using now"> · {state.server}</span>}
      </div>
    </header>
  );
}
