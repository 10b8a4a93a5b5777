import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectBridge } from './bridge';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App bridge={connectBridge()} />
  </StrictMode>,
);
