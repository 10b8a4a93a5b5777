/**
 * One keep-alive HTTP/1.1 connection to a recording server, on which a command and the status
 * read that confirms it are pipelined: both requests leave back to back, the server carries
 * them out in order and answers in order (RFC 9112 §9.3.2), so the confirmation costs no
 * second round trip. The status polls use the same connection while it is free, which keeps
 * it open and warm for the next command.
 *
 * Pipelining behind a POST is allowed where the client can detect and recover from a partial
 * failure; here every outcome is checked anyway: a command whose answer is lost is an unknown
 * outcome (retried or confirmed by status, controller.ts), and a read that is lost or that
 * disagrees falls back to the ordinary read loop.
 */
import type { Client, Dispatcher } from 'undici';
import { fail, ok, type Result } from '../core/result';
import { formatSeconds, transportFailure, MAX_ANSWER_BYTES, type HttpAnswer, type HttpExchange } from './http-exchange';

export interface PipelinedConnectionOptions {
  timeoutMs: number;
  /** The certificate authorities to trust (undefined: the system's). */
  ca?: string[];
}

interface Undici {
  Client: typeof Client;
  /** undici's request API, called on a client (its index mixes it into every dispatcher). */
  request: (this: Client, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
}

let undici: Promise<Undici> | null = null;

/**
 * undici's HTTP/1.1 client and its request call alone (its index would also bring fetch,
 * WebSocket and caches, about 1 MB of main bundle), loaded the first time pipelining is used:
 * it is off unless an admin turns it on, and loading it costs about 20 ms a start need not pay.
 */
function loadUndici(): Promise<Undici> {
  undici ??= Promise.all([import('undici/lib/dispatcher/client.js'), import('undici/lib/api/api-request.js')]).then(([client, api]) => ({ Client: client.default, request: api.default }));
  return undici;
}

export class PipelinedConnection {
  private client: Client | null = null;
  private request: Undici['request'] | null = null;
  private closed = false;
  private readonly loaded: Promise<void>;
  private inFlight = 0;
  /** Cleared once the server shows it cannot keep a connection open for a pipelined read. */
  private supported = true;

  constructor(
    private readonly origin: string,
    private readonly options: PipelinedConnectionOptions,
  ) {
    this.loaded = loadUndici().then((loaded) => {
      if (this.closed) return;
      // maxResponseSize: a larger answer fails the request (said as "larger than 4 MiB" below) instead of filling memory.
      this.client = new loaded.Client(origin, { pipelining: 2, maxResponseSize: MAX_ANSWER_BYTES, connect: { rejectUnauthorized: true, ca: options.ca } });
      this.request = loaded.request;
    });
  }

  /** Resolves once the connection can be used (the client code is loaded on first use). */
  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /** Free for a pair now: loaded, supported, and nothing of ours on the wire (a slow poll must never hold a command). */
  get ready(): boolean {
    return this.client !== null && this.supported && this.inFlight === 0;
  }

  /** This server answered a pipelined read before carrying out the command before it: stop pipelining. */
  stop(): void {
    this.supported = false;
  }

  send(exchange: HttpExchange): Promise<Result<HttpAnswer>> {
    return this.exchange(exchange, AbortSignal.timeout(this.options.timeoutMs)).answer;
  }

  /**
   * Sends `command` and, behind it on the wire, `read`. `read` is null when its answer did not
   * come over this connection in order; the connection is then not used for pairs again.
   */
  async pair(command: HttpExchange, read: HttpExchange): Promise<{ command: Result<HttpAnswer>; read: Result<HttpAnswer> | null }> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    const first = this.exchange(command, signal);
    const second = this.exchange(read, signal);
    const commandAnswer = await first.answer;
    const readAnswer = await second.answer;
    // A server that closes the connection after its answer (HTTP/1.0, or "Connection: close")
    // cannot have answered the read in order on it; undici would send the read again on a new
    // connection, which is correct but is not pipelining.
    if ((await first.closes) || !readAnswer.ok) {
      this.supported = false;
      return { command: commandAnswer, read: null };
    }
    return { command: commandAnswer, read: readAnswer };
  }

  close(): void {
    this.closed = true;
    void this.client?.destroy().catch(() => undefined);
  }

  private exchange(exchange: HttpExchange, signal: AbortSignal): { answer: Promise<Result<HttpAnswer>>; closes: Promise<boolean> } {
    const url = new URL(exchange.url);
    const headers: Record<string, string> = { accept: 'application/json', ...exchange.headers };
    let closes = false;
    this.inFlight += 1;
    const answer = this.request!.call(this.client!, {
        path: url.pathname + url.search,
        method: exchange.method,
        headers,
        body: exchange.body,
        signal,
        // Without this undici would hold the read back until the command's headers arrive.
        blocking: false,
      })
      .then(async (response: Dispatcher.ResponseData) => {
        closes = /\bclose\b/i.test(String(response.headers.connection ?? ''));
        const text = await response.body.text();
        return ok({ status: response.statusCode, text, contentType: String(response.headers['content-type'] ?? '') });
      })
      .catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return fail('bad-response', `the server's answer was larger than 4 MiB`);
        if (signal.aborted) return fail('timeout', `timed out after ${formatSeconds(this.options.timeoutMs)} s waiting for ${this.origin}`);
        return transportFailure(error.code === 'UND_ERR_SOCKET' ? { ...error, code: 'ECONNRESET' } : causeOf(error), this.origin);
      })
      .finally(() => {
        this.inFlight -= 1;
      });
    return { answer, closes: answer.then(() => closes) };
  }
}

/** undici wraps connection errors; the socket's own error carries the code. */
function causeOf(error: NodeJS.ErrnoException): NodeJS.ErrnoException {
  const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
  return error.code || !cause ? error : cause;
}
