/**
 * The on-premise Recording API (recording-api.txt): agent status, blackouts, audio and
 * screen recordings. Paths, JSON keys and identifier kinds match case-insensitively. The
 * documented statuses are 200, 404 (including missing body parameters) and 500; a body that
 * is not JSON gets 400 with a message. Command answers carry no body: none is published.
 */
import { json, parseJsonBody, getIgnoringCase, queryIgnoringCase, text, type SimRequest, type SimResponse, type SimRoute } from './http-types';
import { wireAgent } from './wire-view';
import { customFieldsOf, type Found, type SimAgent, type SimWorld } from './world';

interface CommandInput {
  agent: SimAgent;
  body: unknown;
  callIdentifier: string | undefined;
  metadata: Record<string, string>;
}

type Command = (world: SimWorld, input: CommandInput) => Found<unknown> | SimResponse;

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

/** Parses the body, finds the agent, then runs the command; every miss is a 404 as documented. */
function command(world: SimWorld, run: Command): (request: SimRequest) => SimResponse {
  return (request) => {
    const parsed = parseJsonBody(request.rawBody);
    if (!parsed.ok) return text(400, parsed.message);
    const body = parsed.value;
    const kind = optionalString(getIgnoringCase(body, 'AgentIdentifier'));
    const value = optionalString(getIgnoringCase(body, 'Value'));
    const found = world.findAgent(kind, value);
    if (!found.ok) return text(404, found.reason);
    const rawMetadata = getIgnoringCase(body, 'CallMetadata');
    const metadata = typeof rawMetadata === 'object' && rawMetadata !== null ? customFieldsOf(rawMetadata as Record<string, unknown>) : {};
    const result = run(world, {
      agent: found.value,
      body,
      callIdentifier: optionalString(getIgnoringCase(body, 'CallIdentifier')),
      metadata,
    });
    if ('status' in result) return result;
    return result.ok ? { status: 200 } : text(404, result.reason);
  };
}

/**
 * Applies the reference's four rules for blackout times: an explicit time wins over
 * TimeOffset; only an offset means receipt time + offset seconds; neither means receipt time.
 */
export function resolveBlackoutTime(
  explicit: unknown,
  offsetSeconds: unknown,
  receivedAt: number,
): { ok: true; at: number } | { ok: false; message: string } {
  if (explicit !== undefined && explicit !== null && explicit !== '') {
    const at = Date.parse(String(explicit));
    if (Number.isNaN(at)) return { ok: false, message: `"${String(explicit)}" is not a DateTimeOffset` };
    return { ok: true, at };
  }
  if (offsetSeconds !== undefined && offsetSeconds !== null && offsetSeconds !== '') {
    const seconds = Number(offsetSeconds);
    if (!Number.isInteger(seconds)) return { ok: false, message: `TimeOffset must be a whole number of seconds, got ${JSON.stringify(offsetSeconds)}` };
    return { ok: true, at: receivedAt + seconds * 1000 };
  }
  return { ok: true, at: receivedAt };
}

/** On a server that wants a call for blackout commands, none means 404 (the agent's blackout itself stays as it is). */
function needsCall(world: SimWorld, agent: SimAgent): SimResponse | null {
  if (!world.behaviour.blackoutNeedsCall || agent.activeCall || agent.inactiveCalls.length) return null;
  return text(404, `agent ${agent.agentId} has no current call`);
}

const startBlackout: Command = (world, { agent, body }) => {
  const noCall = needsCall(world, agent);
  if (noCall) return noCall;
  const at = resolveBlackoutTime(getIgnoringCase(body, 'BlackoutStartTime'), getIgnoringCase(body, 'TimeOffset'), world.now());
  if (!at.ok) return text(400, at.message);
  world.startBlackout(agent, at.at);
  return { ok: true, value: null };
};

const stopBlackout: Command = (world, { agent, body }) => {
  const noCall = needsCall(world, agent);
  if (noCall) return noCall;
  const at = resolveBlackoutTime(getIgnoringCase(body, 'BlackoutStopTime'), getIgnoringCase(body, 'TimeOffset'), world.now());
  if (!at.ok) return text(400, at.message);
  return world.stopBlackout(agent, at.at);
};

function agentStatus(world: SimWorld): (request: SimRequest) => SimResponse {
  return (request) => {
    const found = world.findAgent(queryIgnoringCase(request.query, 'agentIdentifier'), queryIgnoringCase(request.query, 'value'));
    return found.ok ? json(200, wireAgent(world, found.value)) : text(404, found.reason);
  };
}

function agentList(world: SimWorld): (request: SimRequest) => SimResponse {
  return () => {
    const agents = world.allAgents();
    if (agents.length === 0) return text(404, 'no agents in the tracker');
    return json(200, agents.map((a) => wireAgent(world, a)));
  };
}

/** Commands that change the world; the server persists the state file after each. */
export const MUTATING_PATH = /^\/api\/(blackout|record|screenrecord)\//i;

export function recordingApiRoutes(world: SimWorld): SimRoute[] {
  const post = (path: string, run: Command): SimRoute => ({
    method: 'POST',
    pattern: new RegExp(`^${path}$`, 'i'),
    handler: command(world, run),
  });
  return [
    { method: 'GET', pattern: /^\/api\/agent$/i, handler: agentStatus(world) },
    { method: 'GET', pattern: /^\/api\/agent\/getall$/i, handler: agentList(world) },
    post('/api/blackout/startforagent', startBlackout),
    post('/api/blackout/stopforagent', stopBlackout),
    post('/api/record/startforagent', (w, i) => w.startRecording(i.agent, i.callIdentifier, i.metadata)),
    post('/api/record/stopforagent', (w, i) => w.stopRecording(i.agent, i.callIdentifier, i.metadata)),
    post('/api/record/updateforagent', (w, i) => w.updateRecording(i.agent, i.callIdentifier, i.metadata)),
    post('/api/record/startduplicateforagent', (w, i) => w.startDuplicate(i.agent, i.callIdentifier, i.metadata)),
    post('/api/record/stopduplicateforagent', (w, i) => w.stopDuplicate(i.agent, i.callIdentifier, i.metadata)),
    post('/api/screenrecord/startforagent', (w, i) => w.startScreen(i.agent, i.metadata)),
    post('/api/screenrecord/updateforagent', (w, i) => w.updateScreen(i.agent, i.metadata)),
    post('/api/screenrecord/stopforagent', (w, i) => w.stopScreen(i.agent, i.metadata)),
  ];
}
