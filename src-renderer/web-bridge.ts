/** The Bridge over the browser harness's WebSocket, reconnecting if the harness restarts. */
import type { BridgeMessage, BridgeRequest } from '../src-main/core/bridge-protocol';
import { BridgeMessageSchema } from '../src-main/core/bridge-protocol';
import type { AppState } from '../src-main/core/ipc-contract';
import type { Bridge } from './bridge';

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export function createWebSocketBridge(url: string): Bridge {
  let socket: WebSocket;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(state: AppState) => void>();
  let opened: Promise<void>;

  const connect = () => {
    socket = new WebSocket(url);
    opened = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('message', (event) => {
      const parsed = BridgeMessageSchema.safeParse(JSON.parse(String(event.data)));
      if (!parsed.success) return;
      const message: BridgeMessage = parsed.data;
      if (message.type === 'state') for (const l of listeners) l(message.state as AppState);
      else if (message.id !== null) {
        const waiter = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'reply') waiter?.resolve(message.result);
        else waiter?.reject(new Error(message.message));
      }
    });
    socket.addEventListener('close', () => {
      for (const w of pending.values()) w.reject(new Error('the connection to RecordKey was lost'));
      pending.clear();
      setTimeout(connect, 1000);
    });
  };
  connect();

  const call = async <T>(request: DistributiveOmit<BridgeRequest, 'id'>): Promise<T> => {
    await opened;
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      socket.send(JSON.stringify({ ...request, id }));
    });
  };

  return {
    getState: () => call({ method: 'getState' }),
    onState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (intent) => call({ method: 'send', intent }),
    getHistory: () => call({ method: 'getHistory' }),
    verifyAudit: () => call({ method: 'verifyAudit' }),
    getSettings: () => call({ method: 'getSettings' }),
    setSettings: (patch) => call({ method: 'setSettings', patch }),
    findAgents: (request) => call({ method: 'findAgents', request }),
    testConnection: (patch) => call({ method: 'testConnection', patch }),
  };
}
