/**
 * The agent's state as a person reads it at a glance, and as the stable JSON that scripts
 * read (documented in the README). Words come from control-state.ts, so the CLI says exactly
 * what the window and the tray say; a state RecordKey does not know prints as "unknown".
 */
import type { CallSnapshot } from '../core/agent-snapshot';
import { CONTROL_NAMES, describeControl, type ControlName, type ControlState } from '../core/control-state';
import type { AppState } from '../core/ipc-contract';

const SHORT_NAME: Record<ControlName, string> = { voice: 'Voice', screen: 'Screen', blackout: 'Pause', duplicate: 'Duplicate', doNotRecord: 'Declined' };

function describeCall(call: CallSnapshot): string {
  const direction = call.direction === 'unknown' ? '' : `${call.direction} `;
  const parties = call.ani || call.dnis ? `${call.ani || '?'} → ${call.dnis || '?'}` : 'no caller details';
  return `${direction}${parties} · ${call.callState || 'state unknown'}${call.startTime ? ` · since ${call.startTime}` : ''}`;
}

/** `timerRunning`: whether this process ends the pause at its deadline (the CLI's one-shot status does not). */
export function formatStatus(state: AppState, timerRunning = true): string {
  const lines: string[] = [];
  const a = state.agent;
  const who = a ? `${state.agentLabel} (${a.username || a.systemUsername || 'no user name'}, id ${a.agentId})` : state.agentLabel;
  const connection = state.connection.status === 'connected' ? `connected to ${state.server}` : `${state.connection.status}: ${state.connection.message ?? state.server}`;
  lines.push(`Agent      ${who}${state.demo ? '  [DEMO]' : ''}`);
  lines.push(`Server     ${connection}`);
  if (state.capabilities.canReportStatus) {
    const call = a?.activeCall;
    lines.push(call ? `Call       ${describeCall(call)}` : 'Call       no active call');
    if (call) lines.push(`           ${call.callInstance}`);
    for (const held of a?.inactiveCalls ?? []) lines.push(`On hold    ${describeCall(held)}`);
  }
  for (const name of CONTROL_NAMES) {
    if (state.capabilities.unsupported[name]) continue;
    lines.push(`${SHORT_NAME[name].padEnd(10)} ${describeControl(name, state.controls[name])}`);
  }
  const pause = state.pause.current;
  if (pause) {
    lines.push(timerRunning ? `           resumes by itself at ${pause.deadline}` : `           the pause's maximum ends at ${pause.deadline}`);
    if (pause.resumeBlocked) lines.push(`           ${pause.resumeBlocked}`);
    if (pause.newCallWhilePaused) lines.push('           A NEW CALL STARTED WHILE THE PAUSE MAY STILL BE ON');
  }
  return lines.join('\n');
}

type Simple = 'on' | 'off' | 'unknown' | 'pending' | 'failed';

function simple(c: ControlState): Simple {
  switch (c.kind) {
    case 'pending':
      return 'pending';
    case 'failed':
      return 'failed';
    case 'unknown':
      return 'unknown';
    default:
      return c.kind;
  }
}

/** The `--json` shape of `status` and `watch` (one object per line). */
export function statusJson(state: AppState, timerRunning = true) {
  const supported = CONTROL_NAMES.filter((name) => !state.capabilities.unsupported[name]);
  return {
    ok: state.connection.status === 'connected' || state.connection.status === 'no-status',
    command: 'status',
    connection: state.connection.status,
    message: state.connection.message,
    agent: state.agent,
    recording: Object.fromEntries(CONTROL_NAMES.map((name) => [name, state.capabilities.unsupported[name] ? 'unsupported' : simple(state.controls[name])])),
    evidence: Object.fromEntries(supported.map((name) => { const c = state.controls[name]; return [name, c.kind === 'on' || c.kind === 'off' ? c.evidence : null]; })),
    blackoutDeadline: timerRunning ? (state.pause.current?.deadline ?? null) : null,
    at: state.snapshotAt,
  };
}
