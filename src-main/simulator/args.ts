/**
 * Command-line arguments of `npm run simulator -- [--port 0] [--host 127.0.0.1] [--state-file F] [--demo] [--demo-agents N]
 *   [--max-agent-blackout S] [--status-hides-blackouts] [--blackout-needs-call] [--token-ttl S] [--processing-delay MS]
 *   [--cxone-prefix /v1] [--cxone-user-param userId] [--cxone-status-prefix ''] [--cxone-status-user-param user-id]`
 * (the prefixes are the version segment after /interaction-recording-management-service)
 * parsed with zod into SimulatorOptions.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CXONE_ENDPOINT_FIELDS } from '../core/cxone-endpoint-defaults';
import type { SimulatorOptions } from './server';

const ArgsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  'state-file': z.string().min(1).optional(),
  demo: z.boolean().default(false),
  'demo-agents': z.coerce.number().int().min(1).max(20_000).default(3),
  'demo-pace': z.enum(['demo', 'site']).default('demo'),
  'max-agent-blackout': z.coerce.number().int().min(0).default(0),
  'status-hides-blackouts': z.boolean().default(false),
  'blackout-needs-call': z.boolean().default(false),
  'token-ttl': z.coerce.number().int().positive().default(3600),
  'processing-delay': z.coerce.number().int().min(0).default(0),
  'cxone-prefix': CXONE_ENDPOINT_FIELDS.pathPrefix,
  'cxone-user-param': CXONE_ENDPOINT_FIELDS.userIdParam,
  'cxone-status-prefix': CXONE_ENDPOINT_FIELDS.statusPathPrefix,
  'cxone-status-user-param': CXONE_ENDPOINT_FIELDS.statusUserIdParam,
  /** N Recording API nodes whose blackouts sync through the broker at `amqp` (cluster.ts). */
  cluster: z.coerce.number().int().min(2).max(8).optional(),
  amqp: z.string().regex(/^amqps?:\/\//, 'an amqp:// or amqps:// URL').optional(),
});

export type SimulatorArgs = { ok: true; options: SimulatorOptions; cluster: { nodes: number; amqpUrl: string } | null } | { ok: false; message: string };

export function parseSimulatorArgs(argv: string[]): SimulatorArgs {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'state-file': { type: 'string' },
        demo: { type: 'boolean' },
        'demo-agents': { type: 'string' },
        'demo-pace': { type: 'string' },
        'max-agent-blackout': { type: 'string' },
        'status-hides-blackouts': { type: 'boolean' },
        'blackout-needs-call': { type: 'boolean' },
        'token-ttl': { type: 'string' },
        'processing-delay': { type: 'string' },
        'cxone-prefix': { type: 'string' },
        'cxone-user-param': { type: 'string' },
        'cxone-status-prefix': { type: 'string' },
        'cxone-status-user-param': { type: 'string' },
        cluster: { type: 'string' },
        amqp: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) };
  const a = parsed.data;
  if ((a.cluster === undefined) !== (a.amqp === undefined)) return { ok: false, message: '--cluster N and --amqp URL go together: the nodes sync their blackouts through that broker' };
  return {
    ok: true,
    cluster: a.cluster !== undefined && a.amqp !== undefined ? { nodes: a.cluster, amqpUrl: a.amqp } : null,
    options: {
      port: a.port,
      host: a.host,
      stateFile: a['state-file'],
      demo: a.demo,
      demoAgents: a['demo-agents'],
      demoPace: a['demo-pace'],
      maxAgentBlackoutSeconds: a['max-agent-blackout'],
      statusShowsBlackouts: !a['status-hides-blackouts'],
      blackoutNeedsCall: a['blackout-needs-call'],
      tokenTtlSeconds: a['token-ttl'],
      processingDelayMs: a['processing-delay'],
      cxone: { pathPrefix: a['cxone-prefix'], userIdParam: a['cxone-user-param'], statusPathPrefix: a['cxone-status-prefix'], statusUserIdParam: a['cxone-status-user-param'] },
    },
  };
}

