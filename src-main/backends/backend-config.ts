/**
 * Where the recording server is and how to reach it (with secrets), as one zod schema that
 * the CLI and the runtime (from the settings) both fill in; and the factory that turns it
 * into a client.
 */
import { z } from 'zod';
import { AgentRefSchema } from '../core/agent-snapshot';
import { HttpUrlSchema } from '../core/http-url-schema';
import { RecordOnDemandClient } from './cxone/record-on-demand-client';
import { RecordingApiClient } from './onprem/recording-api-client';
import type { RecordingBackend } from '../core/recording-backend';

export const OnPremAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('basic'), username: z.string().min(1), password: z.string() }),
  z.object({ type: z.literal('header'), name: z.string().regex(/^[A-Za-z0-9-]+$/, 'an HTTP header name'), value: z.string().min(1) }),
]);

export const OnPremConfigSchema = z.object({
  backend: z.literal('onprem'),
  baseUrl: HttpUrlSchema,
  agent: AgentRefSchema,
  auth: OnPremAuthSchema.default({ type: 'none' }),
  timeoutMs: z.number().int().min(500).max(60_000).default(5000),
  extraCaFile: z.string().min(1).optional(),
});

export const CxoneConfigSchema = z.object({
  backend: z.literal('cxone'),
  apiBaseUrl: HttpUrlSchema,
  tokenUrl: HttpUrlSchema,
  clientId: z.string().min(1, 'the app registration client id is required'),
  clientSecret: z.string().min(1, 'the app registration client secret is required'),
  accessKeyId: z.string().min(1, 'the access key id is required'),
  accessKeySecret: z.string().min(1, 'the access key secret is required'),
  userId: z.string().min(1, 'the CXone user id is required'),
  pathPrefix: z.string().regex(/^(\/[\w.-]+)*$/, 'empty, or a path such as /v1').default(''),
  userIdParam: z.enum(['user-id', 'userId']).default('user-id'),
  /** A Recording API that reports the agent's calls; without it CXone gives no status. */
  statusServer: z.object({ baseUrl: HttpUrlSchema, agent: AgentRefSchema, auth: OnPremAuthSchema.default({ type: 'none' }) }).optional(),
  timeoutMs: z.number().int().min(500).max(60_000).default(5000),
  extraCaFile: z.string().min(1).optional(),
});

export const BackendConfigSchema = z.discriminatedUnion('backend', [OnPremConfigSchema, CxoneConfigSchema]);
export type BackendConfig = z.infer<typeof BackendConfigSchema>;

export function createBackend(config: BackendConfig, now: () => number = Date.now): RecordingBackend {
  if (config.backend === 'onprem') return new RecordingApiClient(config);
  const status = config.statusServer
    ? new RecordingApiClient({ ...config.statusServer, timeoutMs: config.timeoutMs, extraCaFile: config.extraCaFile })
    : undefined;
  return new RecordOnDemandClient(config, now, status);
}

/** "Phone 805003" for the tray tooltip and the audit log. */
export function agentLabelOf(config: BackendConfig): string {
  if (config.backend === 'onprem') return `${config.agent.kind} ${config.agent.value}`;
  return config.statusServer ? `${config.statusServer.agent.kind} ${config.statusServer.agent.value}` : `CXone user ${config.userId}`;
}
