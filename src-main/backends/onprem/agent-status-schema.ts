/**
 * Parses `GET /api/Agent` answers as a real server sends them: keys in any case, unknown keys
 * ignored, AgentId as a number or a string, collections possibly null. A body that does not
 * fit becomes an error naming the offending field, never an exception.
 */
import { z } from 'zod';
import type { AgentSnapshot, CallSnapshot } from '../../core/agent-snapshot';
import { fail, ok, type Result } from '../../core/result';

/** Lower-cases every object key, recursively, so the schema below can match case-insensitively. */
export function lowerCaseKeys(value: unknown, depth = 0): unknown {
  if (depth > 32) return value;
  if (Array.isArray(value)) return value.map((v) => lowerCaseKeys(v, depth + 1));
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  // for…in over a JSON object (own keys only): no array of entries per object on the poll's path.
  for (const k in value) out[k.toLowerCase()] = lowerCaseKeys((value as Record<string, unknown>)[k], depth + 1);
  return out;
}

const text = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const optionalText = text.nullish().transform((v) => v ?? '');

const WireRecording = z.object({
  recordingidentifier: text,
  isduplicate: z.union([z.boolean(), z.enum(['true', 'false', 'True', 'False'])]).transform((v) => v === true || String(v).toLowerCase() === 'true'),
  recordingstate: optionalText,
});

const WireCall = z.object({
  callinstance: text,
  callstate: optionalText,
  metadata: z.record(z.string(), text.nullable()).nullish(),
  recordings: z.array(WireRecording).nullish(),
});

const WireAgent = z.object({
  agentid: text,
  businessunit: optionalText,
  agentphone: optionalText,
  systemusername: optionalText,
  crmusername: optionalText,
  username: optionalText,
  deviceid: optionalText,
  devicealias: optionalText,
  activecall: WireCall.nullish(),
  inactivecalls: z.array(WireCall).nullish(),
  desktoponlysessions: z.array(WireCall).nullish(),
});

function toCall(wire: z.infer<typeof WireCall>): CallSnapshot {
  const metadata: Record<string, string> = {};
  const wireMetadata = wire.metadata ?? {};
  for (const k in wireMetadata) metadata[k] = wireMetadata[k] ?? '';
  const direction = metadata.calldirection === 'I' ? 'inbound' : metadata.calldirection === 'O' ? 'outbound' : 'unknown';
  return {
    callInstance: wire.callinstance,
    callState: wire.callstate,
    direction,
    ani: metadata.ani ?? '',
    dnis: metadata.dnis ?? '',
    startTime: metadata.starttime ?? '',
    metadata,
    recordings: (wire.recordings ?? []).map((r) => ({
      id: r.recordingidentifier,
      isDuplicate: r.isduplicate,
      state: r.recordingstate,
    })),
  };
}

function toAgent(wire: z.infer<typeof WireAgent>): AgentSnapshot {
  return {
    agentId: wire.agentid,
    businessUnit: wire.businessunit,
    agentPhone: wire.agentphone,
    systemUsername: wire.systemusername,
    crmUsername: wire.crmusername,
    username: wire.username,
    deviceId: wire.deviceid,
    deviceAlias: wire.devicealias,
    activeCall: wire.activecall ? toCall(wire.activecall) : null,
    inactiveCalls: (wire.inactivecalls ?? []).map(toCall),
    desktopOnlySessions: (wire.desktoponlysessions ?? []).map(toCall),
  };
}

const NOT_A_RESPONSE = 'server answered with something that is not a Recording API response';

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue.path.length ? issue.path.join('.') : '(the whole body)';
  return `${NOT_A_RESPONSE}: ${path}: ${issue.message}`;
}

function parseJson(body: string): Result<unknown> {
  try {
    return ok(JSON.parse(body));
  } catch {
    const preview = body.trim().slice(0, 60);
    return fail('bad-response', `${NOT_A_RESPONSE}: the body is not JSON${preview ? ` (starts "${preview}")` : ' (empty)'}`);
  }
}

export function parseAgentStatus(body: string): Result<AgentSnapshot> {
  const json = parseJson(body);
  if (!json.ok) return json;
  const parsed = WireAgent.safeParse(lowerCaseKeys(json.value));
  return parsed.success ? ok(toAgent(parsed.data)) : fail('bad-response', describeIssue(parsed.error));
}

export function parseAgentList(body: string): Result<AgentSnapshot[]> {
  const json = parseJson(body);
  if (!json.ok) return json;
  const parsed = z.array(WireAgent).safeParse(lowerCaseKeys(json.value));
  return parsed.success ? ok(parsed.data.map(toAgent)) : fail('bad-response', describeIssue(parsed.error));
}

/**
 * The top-level elements of a JSON array of objects, as the text they were sent as, found by
 * one pass over the characters (strings and escapes respected). Null when the body is not a
 * plain array of objects: the caller then parses it whole and says what is wrong.
 */
export function splitArrayOfObjects(text: string): string[] | null {
  const n = text.length;
  let i = 0;
  const space = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
      i++;
    }
  };
  space();
  if (text.charCodeAt(i) !== 91 /* [ */) return null;
  i++;
  space();
  const items: string[] = [];
  if (text.charCodeAt(i) === 93 /* ] */) {
    i++;
    space();
    return i === n ? items : null;
  }
  for (;;) {
    if (text.charCodeAt(i) !== 123 /* { */) return null;
    const start = i;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (c === 92 /* \ */) i++;
        else if (c === 34 /* " */) inString = false;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    if (depth !== 0) return null;
    items.push(text.slice(start, i));
    space();
    const c = text.charCodeAt(i);
    if (c === 44 /* , */) {
      i++;
      space();
      continue;
    }
    if (c !== 93) return null;
    i++;
    space();
    return i === n ? items : null;
  }
}

/**
 * GetAll, parsed again every second by the site relay: the body is cut into its agents as
 * sent (splitArrayOfObjects), and an agent whose text is exactly what it was last time is the
 * snapshot it was (same object, nothing parsed again). A 10,000-agent GetAll then costs one
 * pass over its characters plus the few agents that changed, not a parse of 6.5 MB.
 */
export class AgentListParser {
  private last = new Map<string, AgentSnapshot>();

  parse(body: string): Result<AgentSnapshot[]> {
    const items = splitArrayOfObjects(body);
    if (!items) return parseAgentList(body);
    const next = new Map<string, AgentSnapshot>();
    const agents: AgentSnapshot[] = [];
    for (const [index, raw] of items.entries()) {
      let agent = this.last.get(raw);
      if (!agent) {
        const json = parseJson(raw);
        if (!json.ok) return parseAgentList(body);
        const parsed = WireAgent.safeParse(lowerCaseKeys(json.value));
        if (!parsed.success) return fail('bad-response', describeIssue(new z.ZodError(parsed.error.issues.map((i) => ({ ...i, path: [index, ...i.path] })))));
        agent = toAgent(parsed.data);
      }
      next.set(raw, agent);
      agents.push(agent);
    }
    this.last = next;
    return ok(agents);
  }
}
