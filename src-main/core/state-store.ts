/** Holds the one AppState; every change goes through the pure reducer and is announced. */
import type { AppState } from './ipc-contract';
import { Emitter, type Event } from './emitter';
import { reduce, type CoreEvent } from './state-reducer';

export type StateListener = (state: AppState, event: CoreEvent, previous: AppState) => void;

export class StateStore {
  private readonly changed = new Emitter<Parameters<StateListener>>();
  /** Announced after each change, with the event that caused it and the state before. */
  readonly subscribe: Event<Parameters<StateListener>> = this.changed.event;

  constructor(private state: AppState) {}

  get(): AppState {
    return this.state;
  }

  dispatch(event: CoreEvent): AppState {
    const next = reduce(this.state, event);
    if (next !== this.state) {
      const previous = this.state;
      this.state = next;
      this.changed.fire(next, event, previous);
    }
    return next;
  }
}
