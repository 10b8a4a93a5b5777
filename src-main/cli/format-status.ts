/**
 * The agent's state as a person reads it at a glance, and as the stable JSON that scripts
 * read (documented in the README).
 */
import type { CallSnapshot } from '../core/agent-snapshot';
import type { AppState, ControlName, ControlState } from '../core/ipc-contract';

const LABELS: Array<[ControlName, string]> = [
  ['voice', 'Voice'],
  ['screen', 'Screen'],
  ['blackout', 'Pause'],
  ['duplicate', 'Duplicate'],
  ['doNotRecord', 'Declined'],
];

function word(c: ControlState, name: ControlName): string {
  const on = name === 'voice' || name === 'screen' ? 'RECORDING' : name === 'blackout' ? 'PAUSED' : 'ON';
  switch (c.status) {
    case 'on':
      return on;
    case 'off':
      return c.confirmed === 'unknown' && name === 'blackout' ? 'off (not visible without a recording)' : 'off';
    case 'pending-on':
    case 'pending-off':
      return `waiting for the server (${c.status === 'pending-on' ? 'start' : 'stop'})`;
    case 'failed':
      return `FAILED: ${c.error} — the server shows it ${c.confirmed}`;
  }
}

function describeCall(call: CallSnapshot): string {
  const direction = call.direction === 'unknown' ? '' : `${call.direction} `;
  const parties = call.ani || call.dnis ? `${call.ani || '?'} → ${call.dnis || '?'}` : 'no caller details';
  return `${direction}${parties} · ${call.callState || 'state unknown'}${call.startTime ? ` · since ${call.startTime}` : ''}`;
}

/** `timerRunning`: whether this process ends the pause at its deadline (the CLI's status does not). */
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
  for (const [name, label] of LABELS) {
    if (state.capabilities.unsupported[name]) continue;
    lines.push(`${label.padEnd(10)} ${word(state.controls[name], name)}`);
  }
  if (timerRunning && state.controls.blackout.status === 'on' && state.blackout.deadline) lines.push(`           resumes by itself at ${state.blackout.deadline}`);
  if (state.blackout.callEndedWhilePaused) lines.push('           the call ended while paused; the pause is still on for the next call');
  return lines.join('\n');
}

type OnOffUnknown = 'on' | 'off' | 'unknown' | 'pending' | 'failed';

function simple(c: ControlState): OnOffUnknown {
  if (c.status === 'pending-on' || c.status === 'pending-off') return 'pending';
  if (c.status === 'failed') return 'failed';
  if (c.status === 'off' && c.confirmed === 'unknown') return 'unknown';
  return c.status;
}

/** The `--json` shape of `status` and `watch` (one object per line). */
export function statusJson(state: AppState, timerRunning = true) {
  return {
    ok: state.connection.status === 'connected' || state.connection.status === 'no-status',
    command: 'status',
    connection: state.connection.status,
    message: state.connection.message,
    agent: state.agent,
    recording: Object.fromEntries(LABELS.map(([name]) => [name, state.capabilities.unsupported[name] ? 'unsupported' : simple(state.controls[name])])),
    blackoutDeadline: timerRunning ? state.blackout.deadline : null,
    at: state.snapshotAt,
  };
}
