import type { AppState } from '../../src-main/core/ipc-contract';
import { CONNECTION_WORDS, STATUS_SOURCE_WORDS } from '../../src-main/core/agent-words';
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
      {state.statusSource.relay !== null && (
        <div className={`status-source ${state.statusSource.via}`} data-testid="status-source" title={state.statusSource.relay}>
          {state.statusSource.via === 'relay' ? STATUS_SOURCE_WORDS.viaRelay(state.statusSource.relay) : (state.statusSource.note ?? STATUS_SOURCE_WORDS.direct)}
        </div>
      )}
    </header>
  );
}
