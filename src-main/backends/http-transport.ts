/**
 * One HTTP exchange with a recording server, over node:http(s) with keep-alive (a poll a
 * second per desktop should not open a connection a second). TLS is always verified; an
 * extra CA file may be added to the system roots, never used to switch verification off.
 * Transport failures come back as `BackendError`s, never as exceptions.
 */
import { readFileSync } from 'node:fs';
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { fail, ok, type Result } from '../core/result';
import { formatSeconds, transportFailure, MAX_ANSWER_BYTES, type HttpAnswer, type HttpExchange } from './http-exchange';
import { PipelinedConnection } from './pipelined-connection';

export interface TransportOptions {
  timeoutMs: number;
  /** PEM file of an extra certificate authority (a company's internal CA). */
  extraCaFile?: string;
  /** Pipeline the confirming status read behind a command (pipelined-connection.ts). */
  pipelining?: boolean;
}

export type { HttpAnswer, HttpExchange } from './http-exchange';

export class HttpTransport {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 4 });
  private readonly httpsAgent: HttpsAgent;
  private readonly ca: string[] | undefined;
  /** One per server origin, when pipelining is on. */
  private readonly pipelined = new Map<string, PipelinedConnection>();

  constructor(readonly options: TransportOptions) {
    this.ca = options.extraCaFile ? [...rootCertificates, readFileSync(options.extraCaFile, 'utf8')] : undefined;
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 4, rejectUnauthorized: true, ca: this.ca });
  }

  /** One exchange; over the pipelining connection while it is free (that keeps it warm), else over the pool (always for a large answer). */
  send(exchange: HttpExchange): Promise<Result<HttpAnswer>> {
    const connection = exchange.maxAnswerBytes === undefined ? this.pipelinedFor(exchange.url) : null;
    return connection?.ready ? connection.send(exchange) : this.sendPooled(exchange);
  }

  /**
   * A command with its confirming read pipelined behind it on one connection. `read` is null
   * when it was not pipelined (pipelining off, the connection busy, or this server cannot).
   */
  async sendWithRead(command: HttpExchange, read: HttpExchange): Promise<{ command: Result<HttpAnswer>; read: Result<HttpAnswer> | null }> {
    const connection = this.pipelinedFor(command.url);
    await connection?.whenLoaded();
    if (!connection?.ready) return { command: await this.sendPooled(command), read: null };
    return connection.pair(command, read);
  }

  /** The server answered a pipelined read before carrying out the command before it. */
  stopPipelining(url: string): void {
    this.pipelinedFor(url)?.stop();
  }

  private pipelinedFor(url: string): PipelinedConnection | null {
    if (!this.options.pipelining) return null;
    let origin: string;
    try {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
      origin = parsed.origin;
    } catch {
      return null;
    }
    let connection = this.pipelined.get(origin);
    if (!connection) {
      connection = new PipelinedConnection(origin, { timeoutMs: this.options.timeoutMs, ca: this.ca });
      this.pipelined.set(origin, connection);
    }
    return connection;
  }

  private sendPooled(exchange: HttpExchange): Promise<Result<HttpAnswer>> {
    let url: URL;
    try {
      url = new URL(exchange.url);
    } catch {
      return Promise.resolve(fail('bad-request', `"${exchange.url}" is not a valid server URL`));
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      return Promise.resolve(fail('bad-request', `server URL must start with http:// or https://, got ${url.protocol}`));
    }
    const origin = `${url.protocol}//${url.host}`;

    return new Promise((resolve) => {
      const headers: Record<string, string> = { accept: 'application/json', ...exchange.headers };
      if (exchange.body !== undefined) headers['content-length'] = String(Buffer.byteLength(exchange.body));
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        { method: exchange.method, headers, agent: secure ? this.httpsAgent : this.httpAgent },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          const limit = exchange.maxAnswerBytes ?? MAX_ANSWER_BYTES;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= limit) chunks.push(chunk);
          });
          res.on('end', () => {
            clearTimeout(timer);
            if (size > limit) resolve(fail('bad-response', `the server's answer was larger than ${limit / 1024 / 1024} MiB`));
            else resolve(ok({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? '') }));
          });
          res.on('error', (error) => {
            clearTimeout(timer);
            resolve(fail('unreachable', `the connection to ${origin} broke mid-answer: ${error.message}`));
          });
        },
      );
      const timer = setTimeout(() => {
        req.destroy(new Error('timeout'));
      }, this.options.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        if (error.message === 'timeout') resolve(fail('timeout', `timed out after ${formatSeconds(this.options.timeoutMs)} s waiting for ${origin}`));
        else resolve(transportFailure(error, origin));
      });
      if (exchange.body !== undefined) req.write(exchange.body);
      req.end();
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
    for (const connection of this.pipelined.values()) connection.close();
    this.pipelined.clear();
  }
}
