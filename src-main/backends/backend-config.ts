/**
 * Where the recording server is and how to reach it (with secrets), as one zod schema that
 * the CLI and the runtime (from the settings) both fill in; and the factory that turns it
 * into a client.
 */
import { z } from 'zod';
import { AgentRefSchema } from '../core/agent-snapshot';
import { CXONE_ENDPOINT_FIELDS } from '../core/cxone-endpoint-defaults';
import { HttpUrlSchema, MAX_RELAYS, RelayUrlSchema, RequestTimeoutSchema } from '../core/http-url-schema';
import { CxoneClient } from './cxone/cxone-client';
import { DEFAULT_DISCOVERY_URL } from './cxone/tenant-discovery';
import { RecordingApiClient } from './onprem/recording-api-client';
import { FailoverRecordingApi } from './onprem/failover-recording-api';
import { DEFAULT_FAILOVER_POLICY, FailoverPolicySchema, MAX_FAILOVER_SERVERS } from '../core/failover-policy';
import type { RecordingBackend } from '../core/recording-backend';
import type { StatusFeed } from '../core/status-feed';
import { RelayFeed } from './relay/relay-feed';

export const OnPremAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string() }),
  z.object({ type: z.literal('header'), name: z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name'), value: z.string().min(1) }),
]);

export const OnPremConfigSchema = z.object({
  backend: z.literal('onprem'),
  /** The first server: where polls and commands go, and where RecordKey returns after a failover. */
  baseUrl: HttpUrlSchema,
  /** The site's other Recording API servers, in the order RecordKey moves to them. */
  failoverUrls: z.array(HttpUrlSchema).max(MAX_FAILOVER_SERVERS, `at most ${MAX_FAILOVER_SERVERS} more servers`).default([]),
  failover: FailoverPolicySchema.default(DEFAULT_FAILOVER_POLICY),
  /** The site relay(s): the agent's status pushed (relay/relay-feed.ts), standing in for polls while usable. */
  relayUrls: z.array(RelayUrlSchema).max(MAX_RELAYS, `at most ${MAX_RELAYS} relays`).default([]),
  relayToken: z.string().min(1).optional(),
  agent: AgentRefSchema,
  auth: OnPremAuthSchema.default({ type: 'none' }),
  timeoutMs: RequestTimeoutSchema,
  extraCaFile: z.string().min(1).optional(),
  /** Pipeline the confirming status read behind each command (settings: pipelineConfirmingRead). */
  pipelining: z.boolean().default(false),
});


export const CxoneConfigSchema = z
  .object({
  backend: z.literal('cxone'),
  /** The tenant's API host; or give `tenantId` and RecordKey looks it up. */
  apiBaseUrl: HttpUrlSchema.optional(),
  tenantId: z.string().trim().min(1).optional(),
  discoveryUrl: HttpUrlSchema.default(DEFAULT_DISCOVERY_URL),
  tokenUrl: HttpUrlSchema,
  clientId: z.string().min(1, 'the app registration client id is required'),
  clientSecret: z.string().min(1, 'the app registration client secret is required'),
  accessKeyId: z.string().min(1, 'the access key id is required'),
  accessKeySecret: z.string().min(1, 'the access key secret is required'),
  userId: z.string().min(1, 'the CXone user id is required'),
  ...CXONE_ENDPOINT_FIELDS,
  /** A Recording API that reports the agent's calls instead of get-recording-status. */
  statusServer: z.object({ baseUrl: HttpUrlSchema, agent: AgentRefSchema, auth: OnPremAuthSchema.default({ type: 'none' }) }).optional(),
  timeoutMs: RequestTimeoutSchema,
  extraCaFile: z.string().min(1).optional(),
  })
  .refine((c) => c.apiBaseUrl !== undefined || c.tenantId !== undefined, { message: 'give the CXone API host or the tenant id', path: ['apiBaseUrl'] });

export const BackendConfigSchema = z.discriminatedUnion('backend', [OnPremConfigSchema, CxoneConfigSchema]);
export type BackendConfig = z.infer<typeof BackendConfigSchema>;

export function createBackend(config: BackendConfig, now: () => number = Date.now): RecordingBackend {
  if (config.backend === 'onprem') {
    if (config.failoverUrls.length === 0) return new RecordingApiClient(config);
    return new FailoverRecordingApi([config.baseUrl, ...config.failoverUrls].map((baseUrl) => ({ ...config, baseUrl })), config.failover, now);
  }
  const status = config.statusServer
    ? new RecordingApiClient({ ...config.statusServer, timeoutMs: config.timeoutMs, extraCaFile: config.extraCaFile })
    : undefined;
  return new CxoneClient(config, now, status);
}

/** The site relay's feed for this connection, or null: none configured (or CXone, which has no relay). */
export function createStatusFeed(config: BackendConfig): StatusFeed | null {
  if (config.backend !== 'onprem' || config.relayUrls.length === 0) return null;
  return new RelayFeed({ urls: config.relayUrls, agent: config.agent, token: config.relayToken, extraCaFile: config.extraCaFile });
}

/** "Phone 805003" for the tray tooltip and the audit log. */
export function agentLabelOf(config: BackendConfig): string {
  if (config.backend === 'onprem') return `${config.agent.kind} ${config.agent.value}`;
  return config.statusServer ? `${config.statusServer.agent.kind} ${config.statusServer.agent.value}` : `CXone user ${config.userId}`;
}
