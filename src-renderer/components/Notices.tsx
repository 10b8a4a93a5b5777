import type { AppState } from '../../src-main/core/ipc-contract';
import { Icon } from './Icon';

export function Notices({ state }: { state: AppState }) {
  const items = [...state.notices];
  if (state.lastError) items.push({ id: 'last-error', level: 'error', message: `Last failure (${new Date(state.lastError.at).toLocaleTimeString()}): ${state.lastError.message}` });
  if (!items.length) return null;
  return (
    <ul className="notices" aria-label="Notices">
      {items.map((n) => (
        <li key={n.id} className={`notice ${n.level}`}>
          <Icon name={n.level === 'info' ? 'info' : 'alert'} /> {n.message}
        </li>
      ))}
    </ul>
  );
}
