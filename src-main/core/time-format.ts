/**
 * The one way RecordKey writes a time for a person: local time with its UTC offset
 * ("22:23:05 +00:00"), with the date in front when it is not today ("2026-12-05 22:23:05 +00:00").
 * The CLI, History, the audit view and the window all use it, so an agent comparing a History
 * line with the CLI or a supervisor's report never has to guess the zone.
 */
const pad = (n: number) => String(n).padStart(2, '0');

function offsetOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function dayOf(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `at`: a time in ms or an ISO string; `now`: what counts as today. An unreadable time is returned as given. */
export function formatLocalTime(at: number | string, now: number = Date.now()): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (Number.isNaN(ms)) return String(at);
  const date = new Date(ms);
  const clock = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())} ${offsetOf(date)}`;
  return dayOf(date) === dayOf(new Date(now)) ? clock : `${dayOf(date)} ${clock}`;
}

/**
 * The Recording API's `starttime` (MM/dd/yyyy HH:mm:ss, no zone) as a time: read as this
 * computer's local time, as the call's duration is (agents and their server share a site).
 * Null when it is not in that form.
 */
export function parseServerTime(text: string): number | null {
  const m = text.match(/^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/);
  if (!m) return null;
  return new Date(+m[3], +m[1] - 1, +m[2], +m[4], +m[5], +m[6]).getTime();
}
