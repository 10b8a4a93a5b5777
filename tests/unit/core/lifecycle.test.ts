import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../src-main/core/emitter';
import { DisposableStore, toDisposable } from '../../../src-main/core/lifecycle';

describe('DisposableStore', () => {
  it('disposes last-added first, once, and keeps going past a failing disposer', () => {
    const order: string[] = [];
    const store = new DisposableStore();
    store.add(toDisposable(() => order.push('runtime subscription')));
    store.add(toDisposable(() => {
      order.push('tray');
      throw new Error('tray already gone');
    }));
    store.add(toDisposable(() => order.push('hotkeys')));
    expect(() => store.dispose()).toThrow('tray already gone');
    expect(order).toEqual(['hotkeys', 'tray', 'runtime subscription']);
    store.dispose();
    expect(order).toHaveLength(3);
  });

  it('something added after disposal is disposed at once (nothing outlives shutdown)', () => {
    const store = new DisposableStore();
    store.dispose();
    let disposed = false;
    store.add(toDisposable(() => (disposed = true)));
    expect(disposed).toBe(true);
  });
});

describe('Emitter', () => {
  it('calls every listener in order; a disposed subscription is not called again', () => {
    const emitter = new Emitter<[number]>();
    const seen: string[] = [];
    const a = emitter.event((n) => seen.push(`a${n}`));
    emitter.event((n) => seen.push(`b${n}`));
    emitter.fire(1);
    a.dispose();
    emitter.fire(2);
    expect(seen).toEqual(['a1', 'b1', 'b2']);
  });

  it('a listener that removes a later one while being called: the later one is skipped, nobody is called twice', () => {
    const emitter = new Emitter<[]>();
    const seen: string[] = [];
    const subs: Array<{ dispose(): void }> = [];
    subs.push(emitter.event(() => (seen.push('first'), subs[1].dispose())));
    subs.push(emitter.event(() => seen.push('second')));
    emitter.event(() => seen.push('third'));
    emitter.fire();
    expect(seen).toEqual(['first', 'third']);
  });

  it('the same function subscribed twice is two subscriptions', () => {
    const emitter = new Emitter<[]>();
    let calls = 0;
    const f = () => calls++;
    const one = emitter.event(f);
    emitter.event(f);
    one.dispose();
    emitter.fire();
    expect(calls).toBe(1);
    expect(emitter.size).toBe(1);
  });
});
