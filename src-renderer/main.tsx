import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { AppState } from '../src-main/core/ipc-contract';
import { App } from './App';
import { connectBridge } from './bridge';

const bridge = connectBridge();
const root = createRoot(document.getElementById('root')!);
const render = (first: AppState | null, bannerOnly: boolean) =>
  root.render(
    <StrictMode>
      <App bridge={bridge} initialState={first} bannerOnly={bannerOnly} />
    </StrictMode>,
  );
const show = (first: AppState | null) => {
  // The banner at once, not in a later task: the agent is waiting to see whether the call is recorded.
  flushSync(() => render(first, first !== null));
  if (!first) return;
  // The rest of the window (controls, tabs, call details) once that frame is painted. Same
  // component, so the banner stays the same element and its live region is not announced twice.
  // A hidden window gets no animation frames, hence the timer as well: whichever comes first.
  let whole = false;
  const renderWhole = () => {
    if (whole) return;
    whole = true;
    render(first, false);
  };
  requestAnimationFrame(() => setTimeout(renderWhole));
  setTimeout(renderWhole, 250);
};
// The state is asked for before React starts, so React's first render is the state itself
// (until then index.html says "Connecting…" on its own, without any script).
bridge.getState().then(show, () => show(null));
