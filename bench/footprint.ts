/**
 * One agent core's resident memory and idle CPU over a minute, against a bare `node` process
 * running at the same time. Both run under plain node: the core bundled by esbuild (as the
 * app's main bundle is), so neither side carries tsx.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { control, round, sleep, startChild } from './bench-kit';

export interface FootprintResult {
  seconds: number;
  core: { rssMb: number; heapUsedMb: number; cpuMs: number; polls: number };
  bare: { rssMb: number; heapUsedMb: number; cpuMs: number };
  rssRatio: number;
  extraRssMb: number;
  cpuPercentOfOneCore: { core: number; bare: number };
}

async function measure(script: string, url: string, seconds: number) {
  const child = await startChild(script, [url, String(seconds)], 'ready');
  for (;;) {
    const line = child.lines.find((l) => l.startsWith('result '));
    if (line) {
      child.stop();
      return JSON.parse(line.slice(7)) as { rssMb: number; heapUsedMb: number; cpuMs: number; polls: number };
    }
    await sleep(100);
  }
}

export async function footprint(quick: boolean): Promise<FootprintResult> {
  const seconds = quick ? 5 : 60;
  const sim = await startChild('src-main/simulator/cli.ts', ['--port', '0'], 'listening on');
  try {
    await control(sim.url, 'POST', '/sim/agents', { agentId: 7 });
    const bundle = join(mkdtempSync(join(tmpdir(), 'rk-footprint-')), 'footprint-child.mjs');
    await build({ entryPoints: ['bench/footprint-child.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });
    // Both run at once, so the machine's load is the same for each.
    const [core, bare] = await Promise.all([measure(bundle, sim.url, seconds), measure('bench/bare-node.mjs', sim.url, seconds)]);
    return {
      seconds,
      core: { rssMb: round(core.rssMb), heapUsedMb: round(core.heapUsedMb), cpuMs: round(core.cpuMs), polls: core.polls },
      bare: { rssMb: round(bare.rssMb), heapUsedMb: round(bare.heapUsedMb), cpuMs: round(bare.cpuMs) },
      rssRatio: round(core.rssMb / bare.rssMb, 2),
      extraRssMb: round(core.rssMb - bare.rssMb),
      cpuPercentOfOneCore: { core: round(core.cpuMs / (seconds * 10), 3), bare: round(bare.cpuMs / (seconds * 10), 3) },
    };
  } finally {
    sim.stop();
  }
}
