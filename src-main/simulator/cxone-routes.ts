/**
 * CXone Multi-ACD Record on Demand (record-on-demand-api.txt) and the token flow the vendor
 * documents elsewhere (spec README): Basic client credentials + password grant with an
 * access key, refresh grant, bearer tokens that expire. 202 while a start/stop is being
 * processed, 425 for another request on the same interaction meanwhile, 409 once the
 * customer declined recording.
 */
import { randomBytes } from 'node:crypto';
import { json, queryIgnoringCase, text, type SimRequest, type SimResponse, type SimRoute } from './http-types';
import type { CxonePending, SimWorld } from './world';

export interface CxoneOptions {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  /** How long a start/stop/do-not-record stays "in process" (answered 202); 0 answers 200. */
  processingDelayMs: number;
  /** '' (the reference) or e.g. '/v1' as some published client code uses. */
  pathPrefix: string;
  /** 'user-id' (the reference) or 'userId'. */
  userIdParam: string;
}

interface Token {
  /** The access key's owner: the CXone user whose permission is checked. */
  userId: string;
  expiresAt: number;
}

const SERVICE = '/interaction-recording-management-service/interactions';

export class CxoneService {
  private readonly accessTokens = new Map<string, Token>();
  private readonly refreshTokens = new Map<string, string>();

  constructor(
    private readonly world: SimWorld,
    readonly options: CxoneOptions,
  ) {}

  /** Access keys are derived from the agent, so a demo can print them: AK<agentId> / secret-<agentId>. */
  static accessKeyFor(agentId: number): { accessKeyId: string; accessKeySecret: string } {
    return { accessKeyId: `AK${agentId}`, accessKeySecret: `secret-${agentId}` };
  }

  reset(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
  }

  routes(baseUrl: () => string): SimRoute[] {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const action = (name: string) => new RegExp(`^${escape(this.options.pathPrefix)}${escape(SERVICE)}/${name}$`, 'i');
    return [
      { method: 'POST', pattern: /^\/auth\/token$/i, handler: (r) => this.token(r) },
      {
        method: 'GET',
        pattern: /^\/\.well-known\/cxone-configuration$/i,
        handler: () => json(200, { api_endpoint: baseUrl(), auth_endpoint: `${baseUrl()}/auth/token` }),
      },
      { method: 'POST', pattern: action('start-recording-on-demand'), handler: (r) => this.onDemand(r, 'start') },
      { method: 'POST', pattern: action('stop-recording-on-demand'), handler: (r) => this.onDemand(r, 'stop') },
      { method: 'POST', pattern: action('do-not-record'), handler: (r) => this.onDemand(r, 'do-not-record') },
    ];
  }

  private token(request: SimRequest): SimResponse {
    const header = String(request.headers.authorization ?? '');
    const basic = header.match(/^Basic\s+(.+)$/i);
    const [clientId, clientSecret] = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
    if (clientId !== this.options.clientId || clientSecret !== this.options.clientSecret) {
      return json(401, { error: 'invalid_client', error_description: 'client id or secret is wrong' });
    }
    const form = new URLSearchParams(request.rawBody);
    const grant = form.get('grant_type');
    let userId: string | undefined;
    if (grant === 'password') {
      userId = this.userForAccessKey(form.get('username') ?? '', form.get('password') ?? '');
    } else if (grant === 'refresh_token') {
      userId = this.refreshTokens.get(form.get('refresh_token') ?? '');
    } else {
      return json(400, { error: 'unsupported_grant_type', error_description: `grant_type ${grant ?? '(none)'} is not supported` });
    }
    if (!userId) return json(401, { error: 'invalid_grant', error_description: 'access key or refresh token is not valid' });
    const accessToken = randomBytes(16).toString('hex');
    const refreshToken = randomBytes(16).toString('hex');
    this.accessTokens.set(accessToken, { userId, expiresAt: this.world.now() + this.options.tokenTtlSeconds * 1000 });
    this.refreshTokens.set(refreshToken, userId);
    return json(200, {
      access_token: accessToken,
      token_type: 'Bearer',
      refresh_token: refreshToken,
      expires_in: this.options.tokenTtlSeconds,
      id_token: randomBytes(8).toString('hex'),
    });
  }

  private userForAccessKey(accessKeyId: string, secret: string): string | undefined {
    const match = accessKeyId.match(/^AK(\d+)$/);
    if (!match) return undefined;
    const agent = this.world.agentById(Number(match[1]));
    if (!agent || CxoneService.accessKeyFor(agent.agentId).accessKeySecret !== secret) return undefined;
    return agent.cxoneUserId;
  }

  private authorize(request: SimRequest): SimResponse | null {
    const header = String(request.headers.authorization ?? '');
    const bearer = header.match(/^Bearer\s+(.+)$/i);
    const token = bearer ? this.accessTokens.get(bearer[1]) : undefined;
    if (!token) return json(401, { message: 'missing or unknown bearer token' });
    if (token.expiresAt <= this.world.now()) return json(401, { message: 'the access token has expired' });
    const caller = this.world.findAgentByCxoneUser(token.userId);
    if (!caller?.cxonePermitted) {
      return json(403, { message: 'the user lacks the Multi-ACD Record on Demand API permission' });
    }
    return null;
  }

  private onDemand(request: SimRequest, kind: CxonePending['kind']): SimResponse {
    const denied = this.authorize(request);
    if (denied) return denied;
    const userId = queryIgnoringCase(request.query, this.options.userIdParam);
    if (!userId) return json(400, { message: `the ${this.options.userIdParam} query parameter is required` });
    const mediaType = request.query.get('mediaType') ?? 'voice';
    if (mediaType !== 'voice' && mediaType !== 'voiceAndScreen') {
      return json(400, { message: `mediaType must be voice or voiceAndScreen, got ${mediaType}` });
    }
    const agent = this.world.findAgentByCxoneUser(userId);
    const call = agent?.activeCall;
    if (!agent || !call) return json(404, { message: `no active interaction for user ${userId}` });
    if (agent.cxonePending) {
      return text(425, 'the interaction is locked while a previous request is being processed');
    }
    if (call.doNotRecord && kind === 'start') {
      return json(409, { message: 'the customer declined recording for this contact; it cannot be recorded' });
    }
    // A request already in effect is done at once: re-sending is how a client confirms a 202.
    if (this.world.cxoneInEffect(call, kind, mediaType)) return json(200, { message: 'done' });
    const pending: CxonePending = { kind, mediaType, until: this.world.now() + this.options.processingDelayMs };
    if (this.options.processingDelayMs > 0) {
      agent.cxonePending = pending;
      return json(202, { message: 'accepted, being processed' });
    }
    this.world.applyCxone(agent, pending);
    return json(200, { message: 'done' });
  }
}

export const CXONE_MUTATING_PATH = /(recording-on-demand|do-not-record)$/i;
