/**
 * What the window does with a value from main that is not shaped like a state: drops it (and
 * says so in the console), never renders it; a first state that is not one is an error.
 */
import { describe, expect, it, vi } from 'vitest';
import { guarded, isAppStateShaped, type Bridge } from '../../src-renderer/bridge';
import { idle, stateFrom } from './fake-bridge';

function rawBridge(first: unknown): Bridge & { push(raw: unknown): void } {
  let listener: ((state: never) => void) | null = null;
  return {
    getState: async () => first as never,
    onState: (l) => ((listener = l as (state: never) => void), () => (listener = null)),
    send: async () => ({ accepted: true, reason: null }),
    getHistory: async () => [],
    verifyAudit: () => new Promise(() => {}),
    getSettings: () => new Promise(() => {}),
    setSettings: () => new Promise(() => {}),
    findAgents: () => new Promise(() => {}),
    testConnection: () => new Promise(() => {}),
    push: (raw) => listener?.(raw as never),
  };
}

describe('the window guards what main hands it', () => {
  it('passes a real state, drops anything not shaped like one', async () => {
    const state = stateFrom([idle()]);
    expect(isAppStateShaped(state)).toBe(true);
    for (const bad of [null, 'state', { controls: {} }, { ...state, controls: { ...state.controls, voice: {} } }, { ...state, pause: undefined }]) expect(isAppStateShaped(bad)).toBe(false);
    const raw = rawBridge(state);
    const bridge = guarded(raw);
    expect(await bridge.getState()).toBe(state);
    const seen: unknown[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    bridge.onState((s) => seen.push(s));
    raw.push({ controls: null });
    raw.push(state);
    expect(seen).toEqual([state]);
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('a first state that is not one is an error, not a render', async () => {
    await expect(guarded(rawBridge({ hello: 'world' })).getState()).rejects.toThrow(/not shaped like a state/);
  });
});
