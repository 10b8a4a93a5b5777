/**
 * Starts a simulator on 127.0.0.1 with port 0 for one test file and talks to it over real
 * HTTP, including its /sim/ control API.
 */
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../src-main/simulator/server';

export interface Harness {
  sim: RunningSimulator;
  url: string;
  get: (path: string, init?: RequestInit) => Promise<Response>;
  post: (path: string, body?: unknown, init?: RequestInit) => Promise<Response>;
  /** The Recording API's usual body: `{"AgentIdentifier":kind,"Value":value,...extra}`. */
  command: (path: string, extra?: Record<string, unknown>, agent?: [string, string]) => Promise<Response>;
  control: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;
  agentStatus: (kind?: string, value?: string) => Promise<Record<string, unknown> & { ActiveCall: WireCallLike | null }>;
  close: () => Promise<void>;
}

export interface WireCallLike {
  CallInstance: string;
  CallState: string;
  Metadata: Record<string, string>;
  Recordings: Array<{ RecordingIdentifier: string; IsDuplicate: boolean; RecordingState: string }>;
}

export const TEST_AGENT = { agentId: 7, agentPhone: '805003', username: 'pat@example.test', systemUsername: 'pat', crmUsername: 'pat.crm' };

export async function startHarness(options: SimulatorOptions = {}): Promise<Harness> {
  return harnessFor(await startSimulator({ host: '127.0.0.1', port: 0, warn: () => {}, ...options }));
}

/** The same helpers for a simulator started elsewhere (a cluster's node). */
export function harnessFor(sim: RunningSimulator): Harness {
  const url = sim.url;
  const get = (path: string, init?: RequestInit) => fetch(url + path, init);
  const post = (path: string, body?: unknown, init?: RequestInit) =>
    fetch(url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      ...init,
    });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(url + path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} -> ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  };
  const command = (path: string, extra: Record<string, unknown> = {}, agent: [string, string] = ['Phone', TEST_AGENT.agentPhone]) =>
    post(path, { AgentIdentifier: agent[0], Value: agent[1], ...extra });
  const agentStatus = async (kind = 'Phone', value = TEST_AGENT.agentPhone) => {
    const response = await get(`/api/Agent?agentIdentifier=${kind}&value=${encodeURIComponent(value)}`);
    if (response.status !== 200) throw new Error(`agent status ${response.status}: ${await response.text()}`);
    return (await response.json()) as Record<string, unknown> & { ActiveCall: WireCallLike | null };
  };
  return { sim, url, get, post, command, control, agentStatus, close: () => sim.close() };
}
