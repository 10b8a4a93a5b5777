/** Maps HTTP answers to the core's BackendError values. */
import type { BackendError } from '../core/result';

/**
 * Maps an HTTP status to the error an agent reads. `subject` names what was asked about
 * ("agent Phone=805003"); `authHint` says which credential to check.
 */
export function errorForStatus(status: number, subject: string, authHint: string, body: string): BackendError {
  const detail = body.trim().slice(0, 200);
  switch (status) {
    case 400:
      return { kind: 'bad-request', status, message: `the server rejected the request as malformed (400)${detail ? `: ${detail}` : ''}` };
    case 401:
    case 403:
      return { kind: 'unauthorized', status, message: `not authorized (${status}) — ${authHint}` };
    case 404:
      return { kind: 'not-found', status, message: `no active call for ${subject}, or the agent is not known to the server (404)` };
    case 409:
      return { kind: 'conflict', status, message: `the server refused in its current state (409)${detail ? `: ${detail}` : ''}` };
    case 425:
      return { kind: 'busy', status, message: 'server busy with a previous request (425)' };
    case 504:
      return { kind: 'server-error', status, message: 'the server timed out handling the request (504)' };
    default:
      return { kind: 'server-error', status, message: `server error ${status}${detail ? `: ${detail}` : ''}` };
  }
}

/**
 * A command answer that says it is JSON but is not: broken on the way, so whether the server
 * acted is unknown (retried for privacy-critical commands, never taken as done). Both APIs
 * publish no body for command answers, so an empty one is fine.
 */
export function isGarbledJson(answer: { contentType?: string; text: string }): boolean {
  if (!/\bjson\b/i.test(answer.contentType ?? '') || answer.text.trim() === '') return false;
  try {
    JSON.parse(answer.text);
    return false;
  } catch {
    return true;
  }
}
