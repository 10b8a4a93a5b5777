/**
 * CXone Multi-ACD Record on Demand (record-on-demand-api.txt) and the token flow the vendor
 * documents elsewhere (spec README): Basic client credentials + password grant with an
 * access key, refresh grant, bearer tokens that expire. 202 while a request is being
 * processed, 425 for another request on the same interaction meanwhile (a resend earns a 425,
 * not a confirmation), 409 once the customer declined recording.
 *
 * Also, from NICE's published API: mask / unmask (CXone's pause; 404 without an interaction,
 * 422 on internal calls; masking an unrecorded call and unmasking after a stop do nothing) and
 * get-recording-status, the read-back (statusReason and recordingStatusToAgent of the agent's
 * latest interaction). Each family has its own version segment and user parameter.
 */
import { randomBytes } from 'node:crypto';
import { json, queryIgnoringCase, text, type SimRequest, type SimResponse, type SimRoute } from './http-types';
import type { CxonePending, SimAgent, SimWorld } from './world';

export interface CxoneOptions {
  clientId: string;
  clientSecret: string;
  tokenTtlSeconds: number;
  /** How long a start/stop/do-not-record stays "in process" (answered 202); 0 answers 200. */
  processingDelayMs: number;
  /** Record on Demand: the version segment after the service name, '' (the reference) or e.g. '/v1'. */
  pathPrefix: string;
  /** 'user-id' (the reference) or 'userId'. */
  userIdParam: string;
  /** Mask/unmask and get-recording-status: '/v1' and 'userId' as published. */
  statusPathPrefix: string;
  statusUserIdParam: string;
  /** The one tenant /.well-known/cxone-configuration knows. */
  tenantId: string;
}

interface Token {
  /** The access key's owner: the CXone user whose permission is checked. */
  userId: string;
  expiresAt: number;
}

const SERVICE = '/interaction-recording-management-service';

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
    const action = (name: string) => new RegExp(`^${escape(SERVICE)}${escape(this.options.pathPrefix)}/interactions/${name}$`, 'i');
    const interactions = (name: string) => new RegExp(`^${escape(SERVICE)}${escape(this.options.statusPathPrefix)}/interactions/${name}$`, 'i');
    return [
      { method: 'POST', pattern: /^\/auth\/token$/i, handler: (r) => this.token(r) },
      {
        method: 'GET',
        pattern: /^\/\.well-known\/cxone-configuration$/i,
        handler: (r) =>
          queryIgnoringCase(r.query, 'tenantId') === this.options.tenantId
            ? json(200, { api_endpoint: baseUrl(), auth_endpoint: `${baseUrl()}/auth/token`, tenantId: this.options.tenantId })
            : json(404, { message: `no tenant ${queryIgnoringCase(r.query, 'tenantId') ?? '(none given)'}` }),
      },
      { method: 'POST', pattern: action('start-recording-on-demand'), handler: (r) => this.onDemand(r, 'start') },
      { method: 'POST', pattern: action('stop-recording-on-demand'), handler: (r) => this.onDemand(r, 'stop') },
      { method: 'POST', pattern: action('do-not-record'), handler: (r) => this.onDemand(r, 'do-not-record') },
      { method: 'POST', pattern: interactions('mask'), handler: (r) => this.masking(r, 'mask') },
      { method: 'POST', pattern: interactions('unmask'), handler: (r) => this.masking(r, 'unmask') },
      { method: 'GET', pattern: interactions('get-recording-status'), handler: (r) => this.recordingStatus(r) },
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

  private authorize(request: SimRequest, permission: 'recordOnDemand' | 'masking' | 'status' = 'recordOnDemand'): SimResponse | null {
    const header = String(request.headers.authorization ?? '');
    const bearer = header.match(/^Bearer\s+(.+)$/i);
    const token = bearer ? this.accessTokens.get(bearer[1]) : undefined;
    if (!token) return json(401, { message: 'missing or unknown bearer token' });
    if (token.expiresAt <= this.world.now()) return json(401, { message: 'the access token has expired' });
    const caller = this.world.findAgentByCxoneUser(token.userId);
    const granted = permission === 'recordOnDemand' ? caller?.cxonePermitted : permission === 'masking' ? caller?.cxoneMaskPermitted : caller?.cxoneStatusPermitted;
    if (!granted) {
      const name = permission === 'recordOnDemand' ? 'Multi-ACD Record on Demand API' : permission === 'masking' ? 'Multi-ACD Masking API' : 'recording status';
      return json(403, { message: `the user lacks the ${name} permission` });
    }
    return null;
  }

  /** The agent named by the family's user parameter, or the error answer. */
  private agentFor(request: SimRequest, param: string): { agent: SimAgent } | { response: SimResponse } {
    const userId = queryIgnoringCase(request.query, param);
    if (!userId) return { response: json(400, { message: `the ${param} query parameter is required` }) };
    const agent = this.world.findAgentByCxoneUser(userId);
    if (!agent) return { response: json(404, { message: `no active interaction for user ${userId}` }) };
    return { agent };
  }

  private masking(request: SimRequest, kind: 'mask' | 'unmask'): SimResponse {
    const denied = this.authorize(request, 'masking');
    if (denied) return denied;
    const found = this.agentFor(request, this.options.statusUserIdParam);
    if ('response' in found) return found.response;
    const { agent } = found;
    const call = this.world.latestInteraction(agent);
    if (!call) return json(404, { message: 'no active interaction for this agent' });
    if (call.internal) return json(422, { message: 'masking is not supported on internal calls' });
    if (agent.cxonePending) return text(425, 'the interaction is locked while a previous mask or unmask is being processed');
    if (this.world.cxoneInEffect(call, kind, 'voice')) return json(200, { message: 'done' });
    return this.process(agent, { kind, mediaType: 'voice', until: this.world.now() + this.options.processingDelayMs });
  }

  private recordingStatus(request: SimRequest): SimResponse {
    const denied = this.authorize(request, 'status');
    if (denied) return denied;
    const found = this.agentFor(request, this.options.statusUserIdParam);
    if ('response' in found) return found.response;
    const status = this.world.cxoneStatus(found.agent);
    return status ? json(200, status) : json(404, { message: 'no active interaction for this agent' });
  }

  /** Takes effect now (200), or after the processing delay (202: the interaction is locked meanwhile). */
  private process(agent: SimAgent, pending: CxonePending): SimResponse {
    if (this.options.processingDelayMs > 0) {
      agent.cxonePending = pending;
      return json(202, { message: 'accepted, being processed' });
    }
    this.world.applyCxone(agent, pending);
    return json(200, { message: 'done' });
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
    // A request already in effect is done at once.
    if (this.world.cxoneInEffect(call, kind, mediaType)) return json(200, { message: 'done' });
    return this.process(agent, { kind, mediaType, until: this.world.now() + this.options.processingDelayMs });
  }
}

export const CXONE_MUTATING_PATH = /(recording-on-demand|do-not-record|\/mask|\/unmask)$/i;
