/**
 * Demo mode: a few seeded agents and a call cycle (ring, talk, hold, talk, hang up, idle) so
 * that a demo shows life within seconds. Each agent starts at a different point of the cycle.
 */
import type { SimAgent, SimWorld } from './world';

export const DEMO_AGENTS = [
  { agentId: 1001, agentPhone: '805003', username: 'ava.agent@example.test', systemUsername: 'ava', crmUsername: 'ava.crm' },
  { agentId: 1002, agentPhone: '805004', username: 'ben.agent@example.test', systemUsername: 'ben', crmUsername: 'ben.crm' },
  { agentId: 1003, agentPhone: '805005', username: 'cam.agent@example.test', systemUsername: 'cam', crmUsername: 'cam.crm' },
] as const;

/** The first demo agent: the one the tray app shows in demo mode. */
export const DEMO_AGENT = DEMO_AGENTS[0];

type Step = 'idle' | 'ringing' | 'talking' | 'holding' | 'talking-again';

/**
 * Seconds spent in each step of the cycle. `demo`: something happens within seconds. `site`: a
 * contact centre's pace for the site-scale benchmarks: a call of about 4 minutes every 8 minutes
 * or so, so about half the agents are on a call, and 10,000 agents start about 20 calls a second.
 */
export type DemoPace = 'demo' | 'site';
const STEP_SECONDS: Record<DemoPace, Record<Step, number>> = {
  demo: { idle: 4, ringing: 2, talking: 25, holding: 5, 'talking-again': 15 },
  site: { idle: 240, ringing: 5, talking: 180, holding: 15, 'talking-again': 60 },
};
const NEXT: Record<Step, Step> = { idle: 'ringing', ringing: 'talking', talking: 'holding', holding: 'talking-again', 'talking-again': 'idle' };
const CYCLE_ORDER: Step[] = ['idle', 'ringing', 'talking', 'holding', 'talking-again'];

/** The demo agents, then (for fleet benchmarks) more of them, ids 1004, 1005, … */
export function demoAgentIds(count: number): number[] {
  return Array.from({ length: Math.max(count, 0) }, (_, i) => 1001 + i);
}

export function seedDemoAgents(world: SimWorld, count: number = DEMO_AGENTS.length): void {
  for (const id of demoAgentIds(count)) {
    const named = DEMO_AGENTS.find((a) => a.agentId === id);
    world.upsertAgent(named ? { ...named } : { agentId: id, agentPhone: String(800000 + id) });
  }
}

export class DemoCallCycle {
  private timer: NodeJS.Timeout | null = null;
  private readonly steps = new Map<number, { step: Step; left: number; calls: number }>();

  constructor(
    private readonly world: SimWorld,
    private readonly onChange: () => void,
    private readonly agentCount: number = DEMO_AGENTS.length,
    private readonly pace: DemoPace = 'demo',
  ) {}

  start(): void {
    if (this.pace === 'demo') {
      // Staggered, so a fleet's calls do not all start in the same second.
      demoAgentIds(this.agentCount).forEach((id, i) => this.steps.set(id, { step: 'idle', left: 1 + ((i * 3) % 47), calls: 0 }));
    } else {
      // At a site's pace every agent starts somewhere in its cycle, so the site is in its steady state at once.
      const seconds = STEP_SECONDS.site;
      const cycle = CYCLE_ORDER.reduce((sum, step) => sum + seconds[step], 0);
      demoAgentIds(this.agentCount).forEach((id, i) => {
        let offset = (i * 7919) % cycle;
        const agent = this.world.agentById(id);
        for (const step of CYCLE_ORDER) {
          if (agent && step !== 'idle') this.enter(agent, step, 0);
          if (offset < seconds[step]) {
            this.steps.set(id, { step, left: seconds[step] - offset, calls: 1 });
            break;
          }
          offset -= seconds[step];
        }
      });
    }
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    let changed = false;
    for (const [agentId, state] of this.steps) {
      const agent = this.world.agentById(agentId);
      if (!agent) continue;
      state.left -= 1;
      if (state.left > 0) continue;
      state.step = NEXT[state.step];
      state.left = STEP_SECONDS[this.pace][state.step];
      this.enter(agent, state.step, state.calls++);
      changed = true;
    }
    if (changed) this.onChange();
  }

  private enter(agent: SimAgent, step: Step, callNumber: number): void {
    switch (step) {
      case 'ringing':
        if (!agent.activeCall) {
          this.world.placeCall(agent, {
            ani: `+44 20 7946 0${String(100 + ((agent.agentId * 7 + callNumber * 13) % 900))}`,
            dnis: '+44 20 7946 0000',
            direction: callNumber % 3 === 2 ? 'O' : 'I',
            // Every other call is recorded by policy, so the demo shows both cases.
            record: callNumber % 2 === 0,
            ringing: true,
          });
        }
        return;
      case 'talking':
        this.world.answer(agent);
        return;
      case 'holding':
        this.world.hold(agent);
        return;
      case 'talking-again':
        this.world.retrieve(agent);
        return;
      case 'idle':
        if (agent.activeCall) this.world.hangUp(agent);
        for (const held of [...agent.inactiveCalls]) this.world.hangUp(agent, held.callInstance);
        return;
    }
  }
}
