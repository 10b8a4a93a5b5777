/**
 * Audits what changed without an intent of the agent's: the server stopped a recording or
 * ended a pause on its own (its maximum, a supervisor, a policy), a call started or ended, a
 * pause was found running, RecordKey learnt that the server's status shows pauses. With the
 * controller's intent and outcome lines this makes the audit log the whole story.
 */
import type { Disposable } from './lifecycle';
import type { StateStore } from './state-store';
import type { AuditSink } from './audit-log';
import { auditRecord, serverChangeAction, type AuditRecord } from './audit-protocol';
import { CONTROL_NAMES } from './control-state';
import type { AppState } from './ipc-contract';
import type { CoreEvent } from './state-reducer';

type Line = Pick<AuditRecord, 'action' | 'error' | 'detail'>;

/** The lines one state change calls for; pure, so it is tested on its own. */
export function auditLinesFor(previous: AppState, next: AppState, event: CoreEvent): Line[] {
  const lines: Line[] = [];
  if (event.type === 'poll-ok') {
    for (const name of CONTROL_NAMES) {
      const before = previous.controls[name];
      const after = next.controls[name];
      const settledBefore = before.kind === 'on' || before.kind === 'off';
      if (settledBefore && (after.kind === 'on' || after.kind === 'off') && after.kind !== before.kind && after.evidence === 'status') {
        lines.push({ action: serverChangeAction(name, after.kind), error: null, detail: { by: 'server', evidence: 'status' } });
      }
    }
    const callBefore = previous.agent?.activeCall?.callInstance ?? null;
    const callAfter = next.agent?.activeCall?.callInstance ?? null;
    if (previous.agent && callBefore !== callAfter) {
      if (callBefore) lines.push({ action: 'call ended', error: null, detail: { callInstance: callBefore } });
      if (callAfter) lines.push({ action: 'call started', error: null, detail: { callInstance: callAfter } });
    }
    if (previous.capabilities.statusShowsPauses === null && next.capabilities.statusShowsPauses === 'learnt') {
      lines.push({ action: 'status shows pauses', error: null, detail: { learnt: true } });
    }
  }
  const pauseBefore = previous.pause.current;
  const pauseAfter = next.pause.current;
  if (!pauseBefore && pauseAfter && pauseAfter.origin !== 'this-run') {
    const how = pauseAfter.origin === 'last-run' ? 'left by the last run' : "shown by the server's status";
    lines.push({ action: 'found pause running', error: null, detail: { since: pauseAfter.startedAt, deadline: pauseAfter.deadline, origin: how } });
  }
  if (pauseBefore && !pauseAfter && next.pause.lastEnded && next.pause.lastEnded !== previous.pause.lastEnded) {
    lines.push({ action: 'pause ended', error: null, detail: { by: next.pause.lastEnded.by } });
  }
  if (pauseAfter?.newCallWhilePaused && pauseAfter.newCallWhilePaused !== pauseBefore?.newCallWhilePaused) {
    lines.push({ action: 'new call while paused', error: 'a new call started while the pause may still be on', detail: { callInstance: pauseAfter.newCallWhilePaused } });
  }
  if (pauseAfter?.resumeBlocked && pauseAfter.resumeBlocked !== pauseBefore?.resumeBlocked) {
    lines.push({ action: 'automatic resume waiting', error: pauseAfter.resumeBlocked, detail: undefined });
  }
  return lines;
}

export function auditStateChanges(store: Pick<StateStore, 'subscribe'>, audit: AuditSink, now: () => number): Disposable {
  return store.subscribe((state, event, previous) => {
    for (const line of auditLinesFor(previous, state, event)) audit.append(auditRecord(now(), state, { source: 'observed', result: 'state-changed', ...line }));
  });
}
