/** Turns the settings and the decrypted secrets into a backend config; null means demo mode. */
import { BackendConfigSchema, type BackendConfig } from '../backends/backend-config';
import type { Secrets, Settings } from './settings-schema';

export type BackendChoice = { mode: 'demo' } | { mode: 'server'; config: BackendConfig } | { mode: 'invalid'; problem: string };

export function backendFromSettings(settings: Settings, secrets: Secrets): BackendChoice {
  const c = settings.connection;
  if (!c) return { mode: 'demo' };
  const common = { timeoutMs: settings.timeoutMs, extraCaFile: settings.extraCaFile };
  const raw =
    c.backend === 'onprem'
      ? {
          backend: 'onprem',
          baseUrl: c.baseUrl,
          failoverUrls: c.failoverUrls,
          relayUrls: c.relayUrls,
          relayToken: secrets.relayToken || undefined,
          agent: c.agent,
          auth:
            c.authType === 'basic'
              ? { type: 'basic', username: c.username, password: secrets.onpremPassword ?? '' }
              : c.authType === 'header'
                ? { type: 'header', name: c.headerName, value: secrets.authHeaderValue ?? '' }
                : { type: 'none' },
          pipelining: settings.pipelineConfirmingRead,
          ...common,
        }
      : {
          backend: 'cxone',
          apiBaseUrl: c.apiBaseUrl || undefined,
          tenantId: c.tenantId || undefined,
          tokenUrl: c.tokenUrl,
          clientId: c.clientId,
          clientSecret: secrets.cxoneClientSecret ?? '',
          accessKeyId: c.accessKeyId,
          accessKeySecret: secrets.cxoneAccessKeySecret ?? '',
          userId: c.userId,
          pathPrefix: c.pathPrefix,
          userIdParam: c.userIdParam,
          statusPathPrefix: c.statusPathPrefix,
          statusUserIdParam: c.statusUserIdParam,
          statusServer: c.statusServerUrl && c.statusAgent ? { baseUrl: c.statusServerUrl, agent: c.statusAgent } : undefined,
          ...common,
        };
  const parsed = BackendConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { mode: 'invalid', problem: `the server settings are incomplete (${issue.path.join('.')}: ${issue.message}); open Settings to fix them` };
  }
  return { mode: 'server', config: parsed.data };
}
