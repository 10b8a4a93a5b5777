/**
 * CXone access tokens (spec README): Basic base64(clientId:clientSecret) plus a password
 * grant with the user's access key; refreshed with the refresh token a minute before expiry,
 * falling back to a fresh password grant when the refresh is refused.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../core/result';
import { errorForStatus } from '../backend-error';
import type { HttpTransport } from '../http-transport';

export interface CxoneCredentials {
  /** Full URL of the token endpoint, e.g. https://cxone.niceincontact.com/auth/token */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  accessKeyId: string;
  accessKeySecret: string;
}

const TokenAnswerSchema = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  refresh_token: z.string().optional(),
  expires_in: z.coerce.number().positive(),
});

const REFRESH_MARGIN_MS = 60_000;

export class TokenSource {
  private token: { access: string; refresh?: string; expiresAt: number } | null = null;

  constructor(
    private readonly transport: HttpTransport,
    private readonly credentials: CxoneCredentials,
    private readonly now: () => number,
  ) {}

  /** A token valid for at least another minute, fetching or refreshing one when needed. */
  async get(): Promise<Result<string>> {
    const token = this.token;
    if (token && token.expiresAt - REFRESH_MARGIN_MS > this.now()) return ok(token.access);
    if (token?.refresh) {
      const refreshed = await this.request(`grant_type=refresh_token&refresh_token=${encodeURIComponent(token.refresh)}`);
      if (refreshed.ok) return refreshed;
    }
    const { accessKeyId, accessKeySecret } = this.credentials;
    return this.request(`grant_type=password&username=${encodeURIComponent(accessKeyId)}&password=${encodeURIComponent(accessKeySecret)}`);
  }

  /** Forgets the current token, after the API refused it (401). */
  invalidate(): void {
    if (this.token) this.token = { ...this.token, expiresAt: 0 };
  }

  private async request(form: string): Promise<Result<string>> {
    const { clientId, clientSecret, tokenUrl } = this.credentials;
    const answer = await this.transport.send({
      method: 'POST',
      url: tokenUrl,
      headers: {
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form,
    });
    if (!answer.ok) return answer;
    const { status, text } = answer.value;
    if (status === 400 || status === 401 || status === 403) {
      return fail('unauthorized', `not authorized (${status}) — check the access key and the app registration's client id and secret in the settings`, status);
    }
    if (status !== 200) return { ok: false, error: errorForStatus(status, 'the token request', 'check the access key', text) };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return fail('bad-response', 'the CXone token endpoint answered with something that is not JSON');
    }
    const parsed = TokenAnswerSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail('bad-response', `the CXone token endpoint answered without a usable token: ${issue.path.join('.')}: ${issue.message}`);
    }
    this.token = {
      access: parsed.data.access_token,
      refresh: parsed.data.refresh_token,
      expiresAt: this.now() + parsed.data.expires_in * 1000,
    };
    return ok(this.token.access);
  }
}
