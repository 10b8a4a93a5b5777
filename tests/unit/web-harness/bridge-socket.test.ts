import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebHarness, type RunningHarness } from '../../../src-main/web-harness/web-harness';

let harness: RunningHarness;
beforeAll(async () => {
  harness = await startWebHarness({ port: 0, built: false });
}, 30_000);
afterAll(() => harness.close());

function connect(origin: string): Promise<{ socket: WebSocket; messages: unknown[] }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${harness.url.replace('http', 'ws')}/bridge`, { origin });
    const messages: unknown[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    socket.on('open', () => resolve({ socket, messages }));
    socket.on('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.on('error', reject);
  });
}

const reply = async (messages: unknown[], id: number) => {
  for (let i = 0; i < 100; i++) {
    const found = messages.find((m) => (m as { id?: number }).id === id);
    if (found) return found as { type: string; result?: unknown; message?: string };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no reply ${id}`);
};

describe('browser harness bridge', () => {
  it('serves the same runtime over the zod-checked protocol to its own page', async () => {
    const { socket, messages } = await connect(harness.url);
    socket.send(JSON.stringify({ id: 1, method: 'getState' }));
    expect(await reply(messages, 1)).toMatchObject({ type: 'reply', result: { demo: true, agentLabel: 'Phone 805003' } });
    socket.send(JSON.stringify({ id: 2, method: 'send', intent: { type: 'voice', action: 'sideways' } }));
    expect(await reply(messages, 2)).toMatchObject({ type: 'reply', result: { accepted: false, reason: expect.stringMatching(/^not a valid request/) } });
    socket.send(JSON.stringify({ id: 3, method: 'format-disk' }));
    expect(await reply(messages, 3)).toMatchObject({ type: 'error', message: expect.stringMatching(/^not a valid bridge request/) });
    socket.close();
  });

  it('refuses a WebSocket from any other origin (another site open in the browser)', async () => {
    await expect(connect('http://evil.example')).rejects.toThrow(/refused with 401/);
  });
});
