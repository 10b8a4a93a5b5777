/**
 * The one event emitter: listeners added with `event(listener)` get a Disposable back, and
 * `fire` calls a snapshot of them, so a listener that unsubscribes (or subscribes another)
 * while being called cannot skip or double-call its neighbours.
 */
import { toDisposable, type Disposable } from './lifecycle';

export type Listener<A extends unknown[]> = (...args: A) => void;
export type Event<A extends unknown[]> = (listener: Listener<A>) => Disposable;

export class Emitter<A extends unknown[]> {
  private readonly listeners = new Set<Listener<A>>();

  /** Subscribe; dispose the result to unsubscribe. */
  readonly event: Event<A> = (listener) => {
    // A wrapper per subscription: the same function subscribed twice is called twice and unsubscribed separately.
    const entry: Listener<A> = (...args) => listener(...args);
    this.listeners.add(entry);
    return toDisposable(() => this.listeners.delete(entry));
  };

  fire(...args: A): void {
    for (const listener of [...this.listeners]) if (this.listeners.has(listener)) listener(...args);
  }

  get size(): number {
    return this.listeners.size;
  }

  dispose(): void {
    this.listeners.clear();
  }
}
