import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { AppState } from '../src-main/core/ipc-contract';
import { App } from './App';
import { connectBridge } from './bridge';

const bridge = connectBridge();
const root = createRoot(document.getElementById('root')!);
// Rendered at once, not in a later task: the agent is waiting to see whether the call is recorded.
const show = (first: AppState | null) =>
  flushSync(() =>
    root.render(
      <StrictMode>
        <App bridge={bridge} initialState={first} />
      </StrictMode>,
    ),
  );
// The state is asked for before React starts, so React's first render is the state itself
// (until then index.html says "Connecting…" on its own, without any script).
bridge.getState().then(show, () => show(null));
