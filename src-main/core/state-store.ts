/** Holds the one AppState; every change goes through the pure reducer and is announced. */
import type { AppState } from './ipc-contract';
import { reduce, type CoreEvent } from './state-reducer';

export type StateListener = (state: AppState, event: CoreEvent, previous: AppState) => void;

export class StateStore {
  private listeners = new Set<StateListener>();

  constructor(private state: AppState) {}

  get(): AppState {
    return this.state;
  }

  dispatch(event: CoreEvent): AppState {
    const next = reduce(this.state, event);
    if (next !== this.state) {
      const previous = this.state;
      this.state = next;
      for (const listener of [...this.listeners]) listener(next, event, previous);
    }
    return next;
  }

  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
