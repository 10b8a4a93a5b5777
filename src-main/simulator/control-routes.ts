/**
 * The simulator's own control API under /sim/: drives the world from tests, benchmarks and
 * demos (agents, calls, hold/transfer/hang-up, faults, the request log, the clock). Bodies
 * are parsed with zod; a bad body is a 400 that says which field is wrong.
 */
import { z } from 'zod';
import { CxoneService } from './cxone-routes';
import type { EventLog } from './event-log';
import { FaultRuleSchema, type FaultTable } from './faults';
import { json, parseJsonBody, text, type SimRequest, type SimResponse, type SimRoute } from './http-types';
import type { SimClock } from './sim-clock';
import { wireAgent } from './wire-view';
import type { SimAgent, SimWorld } from './world';

export interface ControlContext {
  world: SimWorld;
  cxone: CxoneService;
  faults: FaultTable;
  events: EventLog;
  clock: SimClock;
  /** Back to an empty world (or the demo seed, when running with --demo). */
  reset: () => void;
  /** A cluster node's link to the broker its blackouts sync through (cluster.ts); null alone. */
  broker: BrokerLink | null;
}

/** What a cluster node lets the control API do with its broker link. */
export interface BrokerLink {
  readonly onBroker: boolean;
  /** Off the broker, the node answers on but hears and tells nothing: sync broken. */
  cutOff(): Promise<void>;
  reconnect(): Promise<void>;
}

const AgentInitSchema = z.object({
  agentId: z.number().int().positive(),
  businessUnit: z.number().int().optional(),
  agentPhone: z.string().optional(),
  systemUsername: z.string().optional(),
  crmUsername: z.string().optional(),
  username: z.string().optional(),
  deviceId: z.string().optional(),
  deviceAlias: z.string().optional(),
  cxoneUserId: z.string().optional(),
  cxonePermitted: z.boolean().optional(),
  cxoneMaskPermitted: z.boolean().optional(),
  cxoneStatusPermitted: z.boolean().optional(),
});

const CallInitSchema = z.object({
  ani: z.string().optional(),
  dnis: z.string().optional(),
  direction: z.enum(['I', 'O']).optional(),
  record: z.boolean().optional(),
  ringing: z.boolean().optional(),
  internal: z.boolean().optional(),
  callInstance: z.string().min(1).max(200).optional(),
});

const CallRefSchema = z.object({ callInstance: z.string().optional() });
const TransferSchema = z.object({ toAgentId: z.number().int().positive() });
const ClockSchema = z.object({ advanceMs: z.number().int().min(0) });
const BrokerSchema = z.object({ connected: z.boolean() });
const SettingsSchema = z.object({
  maxAgentBlackoutSeconds: z.number().int().min(0).optional(),
  processingDelayMs: z.number().int().min(0).optional(),
  tokenTtlSeconds: z.number().int().positive().optional(),
  statusShowsBlackouts: z.boolean().optional(),
  blackoutNeedsCall: z.boolean().optional(),
});

function parseBody<T>(schema: z.ZodType<T>, request: SimRequest): { ok: true; value: T } | { ok: false; response: SimResponse } {
  const raw = parseJsonBody(request.rawBody);
  if (!raw.ok) return { ok: false, response: text(400, raw.message) };
  const parsed = schema.safeParse(raw.value);
  if (!parsed.success) return { ok: false, response: text(400, z.prettifyError(parsed.error)) };
  return { ok: true, value: parsed.data };
}

/** The truth behind the wire view, including what the Recording API does not show. */
function internalView(ctx: ControlContext, agent: SimAgent) {
  return {
    ...wireAgent(ctx.world, agent),
    blackout: agent.blackout && {
      active: ctx.world.isBlackedOut(agent),
      startsAt: new Date(agent.blackout.startsAt).toISOString(),
      stopsAt: agent.blackout.stopsAt === null ? null : new Date(agent.blackout.stopsAt).toISOString(),
    },
    cxoneUserId: agent.cxoneUserId,
    cxonePermitted: agent.cxonePermitted,
    cxoneMaskPermitted: agent.cxoneMaskPermitted,
    cxoneStatusPermitted: agent.cxoneStatusPermitted,
    cxonePending: agent.cxonePending?.kind ?? null,
    doNotRecord: agent.activeCall?.doNotRecord ?? false,
    cxoneStatus: ctx.world.cxoneStatus(agent),
  };
}

/** GET (connected null) or set a cluster node's link to its broker. */
async function brokerRoute(ctx: ControlContext, connected: boolean | null): Promise<SimResponse> {
  const link = ctx.broker;
  if (!link) return text(404, 'this simulator is not a cluster node: start it with --cluster N --amqp URL');
  try {
    if (connected === true) await link.reconnect();
    if (connected === false) await link.cutOff();
  } catch (error) {
    return text(503, `the broker did not take the node back: ${(error as Error).message}`);
  }
  return json(200, { onBroker: link.onBroker });
}

export function controlRoutes(ctx: ControlContext): SimRoute[] {
  const agentOr404 = (request: SimRequest, run: (agent: SimAgent) => SimResponse): SimResponse => {
    const agent = ctx.world.agentById(Number(request.params[0]));
    return agent ? run(agent) : text(404, `no agent ${request.params[0]}`);
  };
  const callAction = (name: string, run: (agent: SimAgent, request: SimRequest) => SimResponse): SimRoute => ({
    method: 'POST',
    pattern: new RegExp(`^/sim/agents/(\\d+)/${name}$`, 'i'),
    handler: (request) => agentOr404(request, (agent) => run(agent, request)),
  });
  const outcome = (agent: SimAgent, result: { ok: boolean; reason?: string }): SimResponse =>
    result.ok ? json(200, internalView(ctx, agent)) : text(409, result.reason ?? 'not possible');

  return [
    { method: 'POST', pattern: /^\/sim\/reset$/i, handler: () => (ctx.reset(), json(200, { reset: true })) },
    { method: 'GET', pattern: /^\/sim\/agents$/i, handler: () => json(200, ctx.world.allAgents().map((a) => internalView(ctx, a))) },
    {
      method: 'POST',
      pattern: /^\/sim\/agents$/i,
      handler: (request) => {
        const body = parseBody(AgentInitSchema, request);
        return body.ok ? json(200, internalView(ctx, ctx.world.upsertAgent(body.value))) : body.response;
      },
    },
    { method: 'GET', pattern: /^\/sim\/agents\/(\d+)$/i, handler: (r) => agentOr404(r, (a) => json(200, internalView(ctx, a))) },
    callAction('call', (agent, request) => {
      const body = parseBody(CallInitSchema, request);
      return body.ok ? outcome(agent, ctx.world.placeCall(agent, body.value)) : body.response;
    }),
    callAction('answer', (agent) => outcome(agent, ctx.world.answer(agent))),
    callAction('recording-failure', (agent) => {
      const call = ctx.world.latestInteraction(agent);
      if (!call) return text(409, 'no interaction whose recording could fail');
      call.recordingFailure = true;
      return json(200, internalView(ctx, agent));
    }),
    callAction('hold', (agent) => outcome(agent, ctx.world.hold(agent))),
    callAction('retrieve', (agent, request) => {
      const body = parseBody(CallRefSchema, request);
      return body.ok ? outcome(agent, ctx.world.retrieve(agent, body.value.callInstance)) : body.response;
    }),
    callAction('hangup', (agent, request) => {
      const body = parseBody(CallRefSchema, request);
      return body.ok ? outcome(agent, ctx.world.hangUp(agent, body.value.callInstance)) : body.response;
    }),
    callAction('transfer', (agent, request) => {
      const body = parseBody(TransferSchema, request);
      if (!body.ok) return body.response;
      const target = ctx.world.agentById(body.value.toAgentId);
      if (!target) return text(404, `no agent ${body.value.toAgentId}`);
      return outcome(agent, ctx.world.transfer(agent, target));
    }),
    // A restart that lost its state: this node's blackouts are gone (a cluster's other nodes keep theirs).
    { method: 'POST', pattern: /^\/sim\/forget-blackouts$/i, handler: () => (ctx.world.forgetBlackouts(), json(200, { forgotten: true })) },
    { method: 'GET', pattern: /^\/sim\/broker$/i, handler: () => brokerRoute(ctx, null) },
    {
      method: 'POST',
      pattern: /^\/sim\/broker$/i,
      handler: (request) => {
        const body = parseBody(BrokerSchema, request);
        return body.ok ? brokerRoute(ctx, body.value.connected) : body.response;
      },
    },
    { method: 'GET', pattern: /^\/sim\/faults$/i, handler: () => json(200, ctx.faults.list()) },
    {
      method: 'POST',
      pattern: /^\/sim\/faults$/i,
      handler: (request) => {
        const body = parseBody(FaultRuleSchema, request);
        return body.ok ? json(200, { id: ctx.faults.add(body.value) }) : body.response;
      },
    },
    { method: 'DELETE', pattern: /^\/sim\/faults$/i, handler: () => (ctx.faults.clear(), json(200, { cleared: true })) },
    {
      method: 'GET',
      pattern: /^\/sim\/events$/i,
      handler: (request) => json(200, ctx.events.since(Number(request.query.get('since') ?? 0))),
    },
    { method: 'GET', pattern: /^\/sim\/stats$/i, handler: () => json(200, { requests: ctx.events.total, agents: ctx.world.allAgents().length }) },
    { method: 'DELETE', pattern: /^\/sim\/events$/i, handler: () => (ctx.events.clear(), json(200, { cleared: true })) },
    { method: 'GET', pattern: /^\/sim\/clock$/i, handler: () => json(200, { now: new Date(ctx.clock.now()).toISOString() }) },
    {
      method: 'POST',
      pattern: /^\/sim\/clock$/i,
      handler: (request) => {
        const body = parseBody(ClockSchema, request);
        if (!body.ok) return body.response;
        ctx.clock.advance(body.value.advanceMs);
        return json(200, { now: new Date(ctx.clock.now()).toISOString() });
      },
    },
    {
      method: 'POST',
      pattern: /^\/sim\/settings$/i,
      handler: (request) => {
        const body = parseBody(SettingsSchema, request);
        if (!body.ok) return body.response;
        const { maxAgentBlackoutSeconds, processingDelayMs, tokenTtlSeconds, statusShowsBlackouts, blackoutNeedsCall } = body.value;
        ctx.world.setBehaviour({ statusShowsBlackouts, blackoutNeedsCall });
        if (maxAgentBlackoutSeconds !== undefined) ctx.world.maxAgentBlackoutSeconds = maxAgentBlackoutSeconds;
        if (processingDelayMs !== undefined) ctx.cxone.options.processingDelayMs = processingDelayMs;
        if (tokenTtlSeconds !== undefined) ctx.cxone.options.tokenTtlSeconds = tokenTtlSeconds;
        return json(200, {
          maxAgentBlackoutSeconds: ctx.world.maxAgentBlackoutSeconds,
          processingDelayMs: ctx.cxone.options.processingDelayMs,
          tokenTtlSeconds: ctx.cxone.options.tokenTtlSeconds,
          ...ctx.world.behaviour,
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/sim\/cxone\/credentials\/(\d+)$/i,
      handler: (request) =>
        agentOr404(request, (agent) =>
          json(200, {
            clientId: ctx.cxone.options.clientId,
            clientSecret: ctx.cxone.options.clientSecret,
            ...CxoneService.accessKeyFor(agent.agentId),
            userId: agent.cxoneUserId,
          }),
        ),
    },
  ];
}
