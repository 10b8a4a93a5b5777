/**
 * Lifetimes, after VS Code's base/common/lifecycle: whatever subscribes, registers or starts
 * a timer hands back a Disposable, and its owner keeps them in a DisposableStore. Shutting
 * down is then one `dispose()`, in the reverse order of creation, instead of a hand-written
 * sequence that forgets a listener.
 */
export interface Disposable {
  dispose(): void;
}

export function toDisposable(dispose: () => void): Disposable {
  let done = false;
  return {
    dispose() {
      if (done) return;
      done = true;
      dispose();
    },
  };
}

export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = [];
  private disposed = false;

  /** Keeps `item` until the store is disposed; a store already disposed disposes it at once (no leak after shutdown). */
  add<T extends Disposable>(item: T): T {
    if (this.disposed) item.dispose();
    else this.items.push(item);
    return item;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  /**
   * Disposes everything, last added first (what was built on top goes before what it
   * stands on). One failing disposer does not stop the others; the first error is rethrown
   * after all have run.
   */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    let first: unknown = null;
    while (this.items.length) {
      try {
        this.items.pop()!.dispose();
      } catch (error) {
        first ??= error;
      }
    }
    if (first) throw first;
  }
}
