/**
 * Client for the on-premise Recording API (recording-api.txt): every agent, blackout, record
 * and screen-record endpoint. Auth is none, HTTP Basic, or a configured header, because the
 * vendor names no scheme and deployments use all three.
 */
import type { AgentRef, AgentSnapshot } from '../../core/agent-snapshot';
import { describeAgent } from '../../core/agent-snapshot';
import { fail, ok, type CommandOutcome, type Result } from '../../core/result';
import { errorForStatus, isGarbledJson, notTheServersAnswer } from '../backend-error';

const API_NAME = 'the Recording API';
import { HttpTransport, type HttpAnswer, type HttpExchange } from '../http-transport';
import { RepeatedBodyCache } from '../repeated-body-cache';
import { MAX_AGENT_LIST_BYTES } from '../http-exchange';
import { joinUrl, withoutTrailingSlash } from '../../core/server-url';
import type { BackendCommand, BackendCommandType, RecordingBackend } from '../../core/recording-backend';
import { AgentListParser, parseAgentStatus } from './agent-status-schema';

export type OnPremAuth =
  | { type: 'none' }
  | { type: 'basic'; username: string; password: string }
  | { type: 'header'; name: string; value: string };

/** Every agent in a server's tracker, as one GetAll answered. */
export interface AgentList {
  agents: AgentSnapshot[];
  bytes: number;
  /** The server that answered. */
  server: string;
}

export interface OnPremConfig {
  /** e.g. https://recording.example.com (the [RecordingApiServerAddress]). */
  baseUrl: string;
  agent: AgentRef;
  auth: OnPremAuth;
  timeoutMs: number;
  extraCaFile?: string;
  /** Pipeline the confirming read behind each command (pipelined-connection.ts); off unless an admin turns it on. */
  pipelining?: boolean;
}

const PATHS: Record<Exclude<BackendCommandType, 'do-not-record'>, string> = {
  'blackout-start': '/api/Blackout/StartForAgent',
  'blackout-stop': '/api/Blackout/StopForAgent',
  'voice-start': '/api/Record/StartForAgent',
  'voice-stop': '/api/Record/StopForAgent',
  'voice-update': '/api/Record/UpdateForAgent',
  'duplicate-start': '/api/Record/StartDuplicateForAgent',
  'duplicate-stop': '/api/Record/StopDuplicateForAgent',
  'screen-start': '/api/ScreenRecord/StartForAgent',
  'screen-update': '/api/ScreenRecord/UpdateForAgent',
  'screen-stop': '/api/ScreenRecord/StopForAgent',
};

/** The JSON body the reference documents for a command (PascalCase, optional fields omitted). */
export function commandBody(agent: AgentRef, command: BackendCommand): Record<string, unknown> {
  const body: Record<string, unknown> = { AgentIdentifier: agent.kind, Value: agent.value };
  if ('callIdentifier' in command && command.callIdentifier) body.CallIdentifier = command.callIdentifier;
  if ('metadata' in command && command.metadata && Object.keys(command.metadata).length > 0) body.CallMetadata = command.metadata;
  if (command.type === 'blackout-start' && command.startTime) body.BlackoutStartTime = command.startTime;
  if (command.type === 'blackout-stop' && command.stopTime) body.BlackoutStopTime = command.stopTime;
  if ((command.type === 'blackout-start' || command.type === 'blackout-stop') && command.timeOffset !== undefined) {
    body.TimeOffset = command.timeOffset;
  }
  return body;
}

export class RecordingApiClient implements RecordingBackend {
  readonly kind = 'onprem' as const;
  readonly canReportStatus = true;
  private readonly transport: HttpTransport;
  private readonly base: string;
  private readonly lastStatus = new RepeatedBodyCache<AgentSnapshot>();

  private readonly listParser = new AgentListParser();

  constructor(private readonly config: OnPremConfig) {
    this.transport = new HttpTransport({ timeoutMs: config.timeoutMs, extraCaFile: config.extraCaFile, pipelining: config.pipelining ?? false });
    this.base = withoutTrailingSlash(config.baseUrl);
  }

  get serverLabel(): string {
    return this.base;
  }

  async getAgent(): Promise<Result<AgentSnapshot>> {
    return this.statusOf(await this.transport.send(this.statusRead()));
  }

  async executeAndRead(command: BackendCommand): Promise<{ answer: Result<CommandOutcome>; read: Result<AgentSnapshot> | null }> {
    if (command.type === 'do-not-record') return { answer: await this.execute(command), read: null };
    const both = await this.transport.sendWithRead(this.commandExchange(command), this.statusRead());
    return { answer: this.outcomeOf(both.command), read: both.read && this.statusOf(both.read) };
  }

  stopPipelining(): void {
    this.transport.stopPipelining(this.base);
  }

  private statusRead(): HttpExchange {
    const { kind, value } = this.config.agent;
    return this.exchange('GET', `/api/Agent?agentIdentifier=${encodeURIComponent(kind)}&value=${encodeURIComponent(value)}`);
  }

  private statusOf(answer: Result<HttpAnswer>): Result<AgentSnapshot> {
    if (!answer.ok) return answer;
    if (answer.value.status === 404) {
      return fail('not-found', `${describeAgent(this.config.agent)} is not in the server's tracker (404) — check the agent identifier, or log in to the phone system`, 404);
    }
    if (answer.value.status !== 200) return { ok: false, error: this.statusError(answer.value) };
    const impostor = notTheServersAnswer(answer.value, API_NAME);
    if (impostor) return { ok: false, error: impostor };
    const { text } = answer.value;
    return this.lastStatus.parse(text, () => parseAgentStatus(text));
  }

  async getAllAgents(): Promise<Result<AgentSnapshot[]>> {
    const list = await this.getAgentList();
    return list.ok ? ok(list.value.agents) : list;
  }

  /** GET /api/Agent/GetAll with the size of its body (the site relay reports it). A 404 is an empty tracker. */
  async getAgentList(): Promise<Result<AgentList>> {
    const answer = await this.transport.send({ ...this.exchange('GET', '/api/Agent/GetAll'), maxAnswerBytes: MAX_AGENT_LIST_BYTES });
    if (!answer.ok) return answer;
    if (answer.value.status === 404) return ok({ agents: [], bytes: 0, server: this.base });
    if (answer.value.status !== 200) return { ok: false, error: this.statusError(answer.value) };
    const impostor = notTheServersAnswer(answer.value, API_NAME);
    if (impostor) return { ok: false, error: impostor };
    const agents = this.listParser.parse(answer.value.text);
    return agents.ok ? ok({ agents: agents.value, bytes: Buffer.byteLength(answer.value.text), server: this.base }) : agents;
  }

  async execute(command: BackendCommand): Promise<Result<CommandOutcome>> {
    if (command.type === 'do-not-record') return fail('refused-locally', this.unsupported('do-not-record')!);
    return this.outcomeOf(await this.transport.send(this.commandExchange(command)));
  }

  private commandExchange(command: Exclude<BackendCommand, { type: 'do-not-record' }>): HttpExchange {
    return this.exchange('POST', PATHS[command.type], JSON.stringify(commandBody(this.config.agent, command)));
  }

  private outcomeOf(answer: Result<HttpAnswer>): Result<CommandOutcome> {
    if (!answer.ok) return answer;
    const { status } = answer.value;
    // A web page is not the Recording API's answer: whether the command reached the server is unknown.
    const impostor = notTheServersAnswer(answer.value, API_NAME);
    if (impostor) return { ok: false, error: impostor };
    if (status === 200 || status === 204) {
      // Command answers are not published (none, or text); one that says it is JSON but is not
      // is a broken answer, so whether the server acted is unknown (no status: not a refusal).
      if (isGarbledJson(answer.value)) return fail('bad-response', 'the server answered OK with a garbled body, so RecordKey cannot tell whether it acted');
      return ok('done');
    }
    if (status === 202) return ok('accepted');
    return { ok: false, error: this.statusError(answer.value) };
  }

  unsupported(type: BackendCommandType): string | null {
    return type === 'do-not-record'
      ? 'the on-premise Recording API has no do-not-record command; stop the recording instead'
      : null;
  }

  close(): void {
    this.transport.close();
  }

  private statusError(answer: HttpAnswer) {
    return errorForStatus(answer.status, describeAgent(this.config.agent), 'check the Recording API user name and password in the settings', answer.text, answer.contentType, API_NAME);
  }

  private exchange(method: 'GET' | 'POST', path: string, body?: string): HttpExchange {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const auth = this.config.auth;
    if (auth.type === 'basic') headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    if (auth.type === 'header') headers[auth.name.toLowerCase()] = auth.value;
    return { method, url: joinUrl(this.base, path), headers, body };
  }
}
