/**
 * Maps HTTP answers to the core's BackendError values, and tells the recording server's own
 * answers from a web page something else put in the way (a captive portal, a proxy's login or
 * error page). Such a page is summarised in words, never shown raw.
 */
import type { BackendError } from '../core/result';

/** Whether a body is a web page: declared as HTML, or starting like one whatever it declares. */
export function isWebPage(answer: { contentType?: string; text: string }): boolean {
  if (/\bhtml\b/i.test(answer.contentType ?? '')) return true;
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(answer.text);
}

/** A web page's title (or first heading) in plain text, e.g. "502 Bad Gateway"; null when it has none. */
export function webPageTitle(text: string): string | null {
  const match = text.match(/<title[^>]*>([\s\S]*?)<\/title>/i) ?? text.match(/<h1[^>]*>([\s\S]*?)<\/h1>/i);
  if (!match) return null;
  const title = match[1].replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
  return title ? title.slice(0, 80) : null;
}

/** A body as a short line a person can read: a page's title, or the first 200 characters of text on one line. */
export function summarizeBody(answer: { contentType?: string; text: string }): string {
  if (isWebPage(answer)) {
    const title = webPageTitle(answer.text);
    return title ? `a web page titled "${title}"` : 'a web page';
  }
  return answer.text.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * A 2xx that is a web page is not the server's answer: something in the way answered instead
 * (a captive portal, a proxy's login page). For a command the outcome is unknown; for a status
 * read the read failed. `api` names who should have answered ("the Recording API").
 */
export function notTheServersAnswer(answer: { status: number; contentType?: string; text: string }, api: string): BackendError | null {
  if (answer.status < 200 || answer.status >= 300 || !isWebPage(answer)) return null;
  const title = webPageTitle(answer.text);
  return { kind: 'bad-response', message: `a web page answered${title ? ` ("${title}")` : ''}, not ${api} (a proxy or login page in the way?)` };
}

/**
 * Maps an HTTP status to the error an agent reads. `subject` names what was asked about
 * ("agent Phone=805003"); `authHint` says which credential to check; `api` names the server
 * that should have answered, for a gateway's error page.
 */
export function errorForStatus(status: number, subject: string, authHint: string, body: string, contentType = '', api = 'the recording server'): BackendError {
  const answer = { contentType, text: body };
  const page = isWebPage(answer);
  const detail = summarizeBody(answer);
  // A gateway's own error page: a proxy in front of the server answered, because the server behind it did not.
  if (page && (status === 502 || status === 503 || status === 504)) {
    const title = webPageTitle(body) ?? `${status}`;
    return { kind: 'server-error', status, message: `${title} from a proxy in front of the server: ${api} behind it does not answer` };
  }
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
