/**
 * Client for CXone Multi-ACD Record on Demand (record-on-demand-api.txt): start (voice or
 * voice and screen), stop, do-not-record. One retry after a 401 with a fresh token. Path
 * prefix and user-id parameter name are configurable because published client code differs
 * from the reference. When a Recording API status server is configured too, it reports the
 * agent's calls; otherwise CXone gives RecordKey no status to poll.
 */
import type { AgentSnapshot } from '../../core/agent-snapshot';
import { fail, ok, type CommandOutcome, type Result } from '../../core/result';
import { errorForStatus } from '../backend-error';
import { HttpTransport } from '../http-transport';
import type { BackendCommand, BackendCommandType, RecordingBackend } from '../../core/recording-backend';
import { TokenSource, type CxoneCredentials } from './token-source';

export interface CxoneConfig extends CxoneCredentials {
  /** The tenant's API host, e.g. https://api-na1.niceincontact.com */
  apiBaseUrl: string;
  /** '' per the reference, or e.g. '/v1'. */
  pathPrefix: string;
  /** 'user-id' per the reference, or 'userId'. */
  userIdParam: 'user-id' | 'userId';
  userId: string;
  timeoutMs: number;
  extraCaFile?: string;
}

const SERVICE = '/interaction-recording-management-service/interactions';

const UNSUPPORTED: Partial<Record<BackendCommandType, string>> = {
  'blackout-start': 'CXone Record on Demand has no pause; stop the recording instead',
  'blackout-stop': 'CXone Record on Demand has no pause',
  'duplicate-start': 'duplicate recordings are an on-premise Recording API feature',
  'duplicate-stop': 'duplicate recordings are an on-premise Recording API feature',
  'voice-update': 'CXone Record on Demand cannot add call data',
  'screen-update': 'CXone Record on Demand cannot add call data',
};

export class RecordOnDemandClient implements RecordingBackend {
  readonly kind = 'cxone' as const;
  private readonly transport: HttpTransport;
  private readonly tokens: TokenSource;

  constructor(
    private readonly config: CxoneConfig,
    now: () => number,
    /** An optional Recording API client that reports the agent's calls. */
    private readonly statusSource?: Pick<RecordingBackend, 'getAgent' | 'close'>,
  ) {
    this.transport = new HttpTransport({ timeoutMs: config.timeoutMs, extraCaFile: config.extraCaFile });
    this.tokens = new TokenSource(this.transport, config, now);
  }

  get canReportStatus(): boolean {
    return this.statusSource !== undefined;
  }

  get serverLabel(): string {
    return this.config.apiBaseUrl.replace(/\/+$/, '');
  }

  getAgent(): Promise<Result<AgentSnapshot>> {
    if (!this.statusSource) return Promise.resolve(fail('refused-locally', 'CXone Record on Demand does not report call state; configure a status server to see calls'));
    return this.statusSource.getAgent();
  }

  unsupported(type: BackendCommandType): string | null {
    return UNSUPPORTED[type] ?? null;
  }

  async execute(command: BackendCommand): Promise<Result<CommandOutcome>> {
    const reason = this.unsupported(command.type);
    if (reason) return fail('refused-locally', reason);
    switch (command.type) {
      case 'voice-start':
        return this.post('start-recording-on-demand', 'voice');
      case 'screen-start':
        // CXone records the screen only together with voice.
        return this.post('start-recording-on-demand', 'voiceAndScreen');
      case 'voice-stop':
      case 'screen-stop':
        return this.post('stop-recording-on-demand');
      default:
        return this.post('do-not-record');
    }
  }

  /** Authenticates once with the Basic client credentials and the access key: `doctor` uses it. */
  async checkCredentials(): Promise<Result<void>> {
    const token = await this.tokens.get();
    return token.ok ? ok(undefined) : token;
  }

  close(): void {
    this.transport.close();
    this.statusSource?.close();
  }

  private async post(action: string, mediaType?: 'voice' | 'voiceAndScreen'): Promise<Result<CommandOutcome>> {
    const query = new URLSearchParams({ [this.config.userIdParam]: this.config.userId });
    if (mediaType) query.set('mediaType', mediaType);
    const url = `${this.serverLabel}${this.config.pathPrefix}${SERVICE}/${action}?${query}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = await this.tokens.get();
      if (!token.ok) return token;
      const answer = await this.transport.send({ method: 'POST', url, headers: { authorization: `Bearer ${token.value}` } });
      if (!answer.ok) return answer;
      const { status, text } = answer.value;
      if (status === 200 || status === 204) return ok('done');
      if (status === 202) return ok('accepted');
      if (status === 401 && attempt === 0) {
        this.tokens.invalidate();
        continue;
      }
      if (status === 404) return fail('not-found', `no active interaction for CXone user ${this.config.userId} (404)`, 404);
      if (status === 409 && action === 'start-recording-on-demand') {
        return fail('conflict', 'the server refused to record: the customer declined recording for this contact (409)', 409);
      }
      return { ok: false, error: errorForStatus(status, `CXone user ${this.config.userId}`, 'check the access key and the Record on Demand permission', text) };
    }
    return fail('unauthorized', 'not authorized — check the access key');
  }
}
