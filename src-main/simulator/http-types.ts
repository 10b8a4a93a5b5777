/** The small request/response vocabulary the simulator's route tables speak. */

export interface SimRequest {
  method: string;
  /** The path as sent, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** Path parameters captured by the route pattern. */
  params: string[];
}

export interface SimResponse {
  status: number;
  /** A JSON value, or a string sent as text/plain. Omitted: an empty body. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Control routes may wait (a node joining its broker); the API's own routes answer at once. */
export type SimHandler = (request: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimRoute {
  method: string;
  /** Matched case-insensitively against the whole path. */
  pattern: RegExp;
  handler: SimHandler;
}

export function text(status: number, message: string): SimResponse {
  return { status, body: message };
}

export function json(status: number, body: unknown): SimResponse {
  return { status, body };
}

/** Parses a JSON body; an empty body is an empty object, anything unparsable is an error. */
export function parseJsonBody(raw: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch (error) {
    return { ok: false, message: `request body is not valid JSON: ${(error as Error).message}` };
  }
}

/** Looks a key up case-insensitively, as the Recording API matches its JSON keys. */
export function getIgnoringCase(object: unknown, key: string): unknown {
  if (typeof object !== 'object' || object === null) return undefined;
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(object)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

export function queryIgnoringCase(query: URLSearchParams, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of query) if (k.toLowerCase() === lower) return v;
  return undefined;
}
