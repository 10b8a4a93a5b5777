/**
 * Structured logs: one JSON object a line on stdout (journald and log shippers read it as
 * is), with a time, a level, an event name and its fields. Never a password or a token.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type RelayLog = (level: LogLevel, event: string, fields?: Record<string, unknown>) => void;

export function jsonLinesLog(write: (line: string) => void = (l) => process.stdout.write(l)): RelayLog {
  return (level, event, fields = {}) => write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...fields })}\n`);
}

export const silentLog: RelayLog = () => {};
