/**
 * The backend of an installation whose settings cannot be used: it sends nothing anywhere and
 * answers everything with the problem, so the state says "not connected: <why>" and every
 * control says so too. A configured installation never falls back to the demo simulator: an
 * agent's pause must not go to a simulator while the real call goes on being recorded.
 */
import type { RecordingBackend } from '../core/recording-backend';
import type { BackendError } from '../core/result';

export function misconfiguredBackend(problem: string): RecordingBackend {
  const error: BackendError = { kind: 'not-configured', message: problem };
  return {
    kind: 'onprem',
    serverLabel: 'not configured',
    canReportStatus: true,
    getAgent: () => Promise.resolve({ ok: false, error }),
    execute: () => Promise.resolve({ ok: false, error }),
    unsupported: () => null,
    close: () => {},
  };
}
