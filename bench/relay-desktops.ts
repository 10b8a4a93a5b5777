/**
 * One process of RecordKey desktops for the relay benchmark: real agent cores (headless), each
 * with its real relay feed (backends/relay/relay-feed.ts) and its real direct polling schedule.
 * Prints `ready N`, then each second `status {"relay":n,"direct":m,"connected":k}`, and for the
 * probe agents `held <agentId> <callInstance> <ms>` the moment a desktop holds a new call.
 *
 * args: <simulator url> <relay ws url> <first agent id> <count> <probe ids, comma separated>
 */
import { RelayFeed } from '../src-main/backends/relay/relay-feed';
import { RecordingApiClient } from '../src-main/backends/onprem/recording-api-client';
import { createAgentCore, type AgentCore } from '../src-main/core/agent-core';
import type { AuditSink } from '../src-main/core/audit-log';
import { sleep } from './bench-kit';

const [simUrl, relayUrl, firstArg, countArg, probesArg] = process.argv.slice(2);
const first = Number(firstArg);
const count = Number(countArg);
const probes = new Set((probesArg ?? '').split(',').filter(Boolean).map(Number));

// Thousands of in-memory audit trails would only measure the garbage collector.
const audit: AuditSink = { append() {}, recent: () => [] };
const ids = [...Array.from({ length: count }, (_, i) => first + i)];

async function main(): Promise<void> {
  const cores: AgentCore[] = [];
  const feeds: RelayFeed[] = [];
  for (const [i, id] of ids.entries()) {
    const agent = { kind: 'Id' as const, value: String(id) };
    const feed = new RelayFeed({ urls: [relayUrl], agent });
    const core = createAgentCore({ backend: new RecordingApiClient({ baseUrl: simUrl, agent, auth: { type: 'none' }, timeoutMs: 10_000 }), agentLabel: String(id), audit, feed });
    if (probes.has(id)) {
      let held: string | null = null;
      core.subscribe((s) => {
        const call = s.agent?.activeCall?.callInstance ?? null;
        if (call !== null && call !== held) process.stdout.write(`held ${id} ${call} ${Date.now()}\n`);
        held = call;
      });
    }
    core.start();
    cores.push(core);
    feeds.push(feed);
    // Started 500 at a time: each core's first read is direct, and 10,000 at once is not how a site logs in.
    if (i % 500 === 499) await sleep(250);
  }
  process.stdout.write(`ready ${cores.length}\n`);
  setInterval(() => {
    let relay = 0;
    for (const core of cores) if (core.getState().statusSource.via === 'relay') relay += 1;
    const connected = feeds.filter((f) => f.view.link.state === 'connected').length;
    process.stdout.write(`status ${JSON.stringify({ relay, direct: cores.length - relay, connected, at: Date.now() })}\n`);
  }, 1000);
}

void main();
