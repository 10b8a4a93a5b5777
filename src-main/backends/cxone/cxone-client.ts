/**
 * Client for CXone Multi-ACD: Record on Demand (record-on-demand-api.txt: start voice or
 * voice and screen, stop, do-not-record), and from NICE's published API (spec README) the
 * pause, Mask/Unmask, and the read-back, get-recording-status, which RecordKey polls like the
 * Recording API's /api/Agent so every command is confirmed by status.
 *
 * A tenant that withholds the status permission (403) makes the status 'no-status': the core
 * then rests each claim on its command's answer, and says so. One retry after a 401 with a
 * fresh token. Endpoint families and tenant discovery are configurable (cxone-endpoints.ts,
 * tenant-discovery.ts). A Recording API status server, when configured, reports the calls instead.
 */
import type { AgentSnapshot, CxoneRecordingStatus } from '../../core/agent-snapshot';
import type { ControlName } from '../../core/ipc-contract';
import { fail, ok, type BackendError, type CommandOutcome, type Result } from '../../core/result';
import type { BackendCommand, BackendCommandType, RecordingBackend } from '../../core/recording-backend';
import { errorForStatus, isGarbledJson, notTheServersAnswer } from '../backend-error';

const API_NAME = 'CXone';
import { HttpTransport, type HttpAnswer } from '../http-transport';
import { RepeatedBodyCache } from '../repeated-body-cache';
import { withoutTrailingSlash } from '../../core/server-url';
import { cxoneUrl, INTERACTIONS_DEFAULTS, RECORD_ON_DEMAND_DEFAULTS, type EndpointFamily, type InteractionsAction, type RecordOnDemandAction } from './cxone-endpoints';
import { parseRecordingStatus } from './recording-status-schema';
import { DEFAULT_DISCOVERY_URL, discoverApiHost } from './tenant-discovery';
import { TokenSource, type CxoneCredentials } from './token-source';

export interface CxoneConfig extends CxoneCredentials {
  /** The tenant's API host, e.g. https://api-na1.niceincontact.com; found from `tenantId` when absent. */
  apiBaseUrl?: string;
  tenantId?: string;
  discoveryUrl?: string;
  /** Record on Demand's version segment ('' per the reference, or e.g. '/v1') and user parameter. */
  pathPrefix: string;
  userIdParam: 'user-id' | 'userId';
  /** Mask/unmask and get-recording-status: '/v1' and 'userId' as published. */
  statusPathPrefix?: string;
  statusUserIdParam?: 'user-id' | 'userId';
  userId: string;
  timeoutMs: number;
  extraCaFile?: string;
}

/** The permission each family needs, named in every 403 so an admin knows what to grant. */
export const CXONE_PERMISSIONS = {
  recordOnDemand: 'Multi-ACD Record on Demand API',
  masking: 'Multi-ACD Masking API',
  status: 'the recording status permission of the Multi-ACD recording APIs (get-recording-status)',
} as const;

const UNSUPPORTED: Partial<Record<BackendCommandType, string>> = {
  'duplicate-start': 'duplicate recordings are an on-premise Recording API feature',
  'duplicate-stop': 'duplicate recordings are an on-premise Recording API feature',
  'voice-update': 'CXone Record on Demand cannot add call data',
  'screen-update': 'CXone Record on Demand cannot add call data',
};

/** What CXone's status shows: voice, the pause (Mask) and the customer's refusal; never the screen. */
const CXONE_STATUS_SHOWS: readonly ControlName[] = ['voice', 'blackout', 'doNotRecord'];

export class CxoneClient implements RecordingBackend {
  readonly kind = 'cxone' as const;
  readonly pauseEndsWithInteraction = true;
  readonly statusDocumentsPauses: boolean;
  readonly statusShows: readonly ControlName[] | undefined;
  private readonly transport: HttpTransport;
  private readonly lastStatus = new RepeatedBodyCache<AgentSnapshot>();
  private readonly tokens: TokenSource;
  private readonly recordOnDemand: EndpointFamily;
  private readonly interactions: EndpointFamily;
  private discovered: Promise<Result<string>> | null = null;

  constructor(
    private readonly config: CxoneConfig,
    now: () => number,
    /** An optional Recording API client that reports the agent's calls instead of get-recording-status. */
    private readonly statusSource?: Pick<RecordingBackend, 'getAgent' | 'close'>,
  ) {
    this.transport = new HttpTransport({ timeoutMs: config.timeoutMs, extraCaFile: config.extraCaFile });
    this.tokens = new TokenSource(this.transport, config, now);
    this.recordOnDemand = { pathPrefix: config.pathPrefix ?? RECORD_ON_DEMAND_DEFAULTS.pathPrefix, userIdParam: config.userIdParam ?? RECORD_ON_DEMAND_DEFAULTS.userIdParam };
    this.interactions = { pathPrefix: config.statusPathPrefix ?? INTERACTIONS_DEFAULTS.pathPrefix, userIdParam: config.statusUserIdParam ?? INTERACTIONS_DEFAULTS.userIdParam };
    this.statusDocumentsPauses = !statusSource;
    this.statusShows = statusSource ? undefined : CXONE_STATUS_SHOWS;
  }

  /** Always at start: get-recording-status (or the status server). A 403 later turns it off in the core. */
  readonly canReportStatus = true;

  get serverLabel(): string {
    return (this.config.apiBaseUrl && withoutTrailingSlash(this.config.apiBaseUrl)) ?? `CXone tenant ${this.config.tenantId ?? '?'}`;
  }

  unsupported(type: BackendCommandType): string | null {
    return UNSUPPORTED[type] ?? null;
  }

  async getAgent(): Promise<Result<AgentSnapshot>> {
    if (this.statusSource) return this.statusSource.getAgent();
    const answer = await this.request('GET', 'interactions', 'get-recording-status');
    if (!answer.ok) return answer;
    const { status, text } = answer.value;
    const impostor = notTheServersAnswer(answer.value, API_NAME);
    if (impostor) return { ok: false, error: impostor };
    if (status === 404) return this.lastStatus.parse('404', () => ok(snapshotOf(this.config.userId, null)));
    if (status === 403) {
      return fail('no-status', `the CXone user lacks ${CXONE_PERMISSIONS.status} (403), so RecordKey cannot read the recording state back; each command rests on the server's answer`, 403);
    }
    if (status !== 200) return { ok: false, error: this.errorFor(status, answer.value, CXONE_PERMISSIONS.status) };
    return this.lastStatus.parse(`200 ${text}`, () => this.parseStatus(text));
  }

  private parseStatus(text: string): Result<AgentSnapshot> {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return fail('bad-response', 'get-recording-status did not answer JSON');
    }
    const parsed = parseRecordingStatus(body);
    return parsed.ok ? ok(snapshotOf(this.config.userId, parsed.value)) : fail('bad-response', parsed.problem);
  }

  async execute(command: BackendCommand): Promise<Result<CommandOutcome>> {
    const reason = this.unsupported(command.type);
    if (reason) return fail('refused-locally', reason);
    switch (command.type) {
      case 'voice-start':
        return this.command('recordOnDemand', 'start-recording-on-demand', { mediaType: 'voice' });
      case 'screen-start':
        // CXone records the screen only together with voice.
        return this.command('recordOnDemand', 'start-recording-on-demand', { mediaType: 'voiceAndScreen' });
      case 'voice-stop':
      case 'screen-stop':
        return this.command('recordOnDemand', 'stop-recording-on-demand');
      case 'blackout-start':
        return this.command('interactions', 'mask');
      case 'blackout-stop':
        return this.command('interactions', 'unmask');
      default:
        return this.command('recordOnDemand', 'do-not-record');
    }
  }

  /** Authenticates once with the Basic client credentials and the access key: `doctor` uses it. */
  async checkCredentials(): Promise<Result<void>> {
    const token = await this.tokens.get();
    return token.ok ? ok(undefined) : token;
  }

  /**
   * `doctor`'s probe of the Masking permission: an unmask changes nothing on a call that is
   * not masked (and RecordKey only probes when the status shows no mask), so it is safe.
   * Answers the HTTP status, or the transport error.
   */
  async probeUnmask(): Promise<Result<number>> {
    const answer = await this.request('POST', 'interactions', 'unmask');
    return answer.ok ? ok(answer.value.status) : answer;
  }

  close(): void {
    this.transport.close();
    this.statusSource?.close();
  }

  private async command(family: 'recordOnDemand' | 'interactions', action: RecordOnDemandAction | InteractionsAction, extra: Record<string, string> = {}): Promise<Result<CommandOutcome>> {
    const answer = await this.request('POST', family, action, extra);
    if (!answer.ok) return answer;
    const { status } = answer.value;
    // A web page is not CXone's answer: whether the command reached CXone is unknown.
    const impostor = notTheServersAnswer(answer.value, API_NAME);
    if (impostor) return { ok: false, error: impostor };
    if ((status === 200 || status === 202) && isGarbledJson(answer.value)) return fail('bad-response', 'the server answered OK with a garbled body, so RecordKey cannot tell whether it acted');
    if (status === 200 || status === 204) return ok('done');
    if (status === 202) return ok('accepted');
    const masking = action === 'mask' || action === 'unmask';
    if (status === 404) return fail('not-found', `no active interaction for CXone user ${this.config.userId} (404)`, 404);
    if (status === 422 && masking) return fail('not-possible', 'masking is not available on internal calls (422)', 422);
    if (status === 409 && action === 'start-recording-on-demand') {
      return fail('conflict', 'the server refused to record: the customer declined recording for this contact (409)', 409);
    }
    if (status === 425) return fail('busy', `locked while an earlier ${masking ? 'mask or unmask' : 'start or stop'} is processed (425)`, 425);
    return { ok: false, error: this.errorFor(status, answer.value, masking ? CXONE_PERMISSIONS.masking : CXONE_PERMISSIONS.recordOnDemand) };
  }

  private errorFor(status: number, answer: HttpAnswer, permission: string): BackendError {
    if (status === 403) return { kind: 'unauthorized', status, message: `not authorized (403) — the CXone user lacks the ${permission} permission` };
    return errorForStatus(status, `CXone user ${this.config.userId}`, 'check the client id and secret and the access key', answer.text, answer.contentType, API_NAME);
  }

  /** One authorized request; a 401 gets one retry with a fresh token. */
  private async request(method: 'GET' | 'POST', family: 'recordOnDemand' | 'interactions', action: RecordOnDemandAction | InteractionsAction, extra: Record<string, string> = {}): Promise<Result<HttpAnswer>> {
    const base = await this.apiBase();
    if (!base.ok) return base;
    const url = cxoneUrl(base.value, family === 'recordOnDemand' ? this.recordOnDemand : this.interactions, action, this.config.userId, extra);
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.tokens.get();
      if (!token.ok) return token;
      const answer = await this.transport.send({ method, url, headers: { authorization: `Bearer ${token.value}` } });
      if (!answer.ok || answer.value.status !== 401 || attempt > 0) return answer;
      this.tokens.invalidate();
    }
    return fail('unauthorized', 'not authorized — check the access key');
  }

  /** The API host: configured, or discovered once from the tenant id (a failed lookup is tried again next time). */
  private apiBase(): Promise<Result<string>> {
    if (this.config.apiBaseUrl) return Promise.resolve(ok(withoutTrailingSlash(this.config.apiBaseUrl)));
    if (!this.config.tenantId) return Promise.resolve(fail('not-configured', 'neither the CXone API host nor the tenant id is set'));
    this.discovered ??= discoverApiHost(this.transport, this.config.discoveryUrl ?? DEFAULT_DISCOVERY_URL, this.config.tenantId).then((found) => {
      if (!found.ok) this.discovered = null;
      return found;
    });
    return this.discovered;
  }
}

/** The agent as CXone's status shows it: the latest interaction is the active call, keyed by its contactId. */
function snapshotOf(userId: string, status: CxoneRecordingStatus | null): AgentSnapshot {
  return {
    agentId: userId,
    businessUnit: '',
    agentPhone: '',
    systemUsername: '',
    crmUsername: '',
    username: '',
    deviceId: '',
    deviceAlias: '',
    activeCall: status
      ? {
          callInstance: status.contactId,
          callState: status.statusReason.toLowerCase() === 'hold' ? 'OnHold' : 'OnCall',
          direction: 'unknown',
          ani: '',
          dnis: '',
          startTime: '',
          metadata: { contactid: status.contactId, segmentid: status.segmentId, interactionid: status.interactionId },
          recordings: [],
        }
      : null,
    inactiveCalls: [],
    desktopOnlySessions: [],
    cxone: status,
  };
}
