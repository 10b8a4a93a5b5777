/**
 * The tenant's API host from its id (spec README):
 * `GET https://cxone.niceincontact.com/.well-known/cxone-configuration?tenantId=…` answers
 * `{ api_endpoint, … }`. Asked once, on first use; an API host typed into the settings wins.
 */
import { joinUrl, withoutTrailingSlash } from '../../core/server-url';
import { z } from 'zod';
import { HttpUrlSchema } from '../../core/http-url-schema';
import { fail, ok, type Result } from '../../core/result';
import { errorForStatus } from '../backend-error';
import type { HttpTransport } from '../http-transport';

export const DEFAULT_DISCOVERY_URL = 'https://cxone.niceincontact.com';

const ConfigurationSchema = z.looseObject({ api_endpoint: HttpUrlSchema });

export async function discoverApiHost(transport: HttpTransport, discoveryUrl: string, tenantId: string): Promise<Result<string>> {
  const url = joinUrl(discoveryUrl, `/.well-known/cxone-configuration?${new URLSearchParams({ tenantId })}`);
  const answer = await transport.send({ method: 'GET', url });
  if (!answer.ok) return fail(answer.error.kind, `could not look up the API host of CXone tenant ${tenantId}: ${answer.error.message}`, answer.error.status);
  const { status, text } = answer.value;
  if (status !== 200) return { ok: false, error: errorForStatus(status, `CXone tenant ${tenantId}`, 'check the tenant id', text) };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail('bad-response', `the CXone configuration for tenant ${tenantId} is not JSON`);
  }
  const parsed = ConfigurationSchema.safeParse(body);
  if (!parsed.success) return fail('bad-response', `the CXone configuration for tenant ${tenantId} has no usable api_endpoint`);
  return ok(withoutTrailingSlash(parsed.data.api_endpoint));
}
