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

export interface HttpExchange {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpAnswer {
  status: number;
  text: string;
  /** The Content-Type the server declared ('' when none). */
  contentType?: string;
}

export interface TransportOptions {
  timeoutMs: number;
  /** PEM file of an extra certificate authority (a company's internal CA). */
  extraCaFile?: string;
}

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export class HttpTransport {
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 4 });
  private readonly httpsAgent: HttpsAgent;

  constructor(readonly options: TransportOptions) {
    const ca = options.extraCaFile ? [...rootCertificates, readFileSync(options.extraCaFile, 'utf8')] : undefined;
    this.httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 4, rejectUnauthorized: true, ca });
  }

  send(exchange: HttpExchange): Promise<Result<HttpAnswer>> {
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
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
          });
          res.on('end', () => {
            clearTimeout(timer);
            if (size > MAX_ANSWER_BYTES) resolve(fail('bad-response', `the server's answer was larger than 4 MiB`));
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
        else resolve(fail('unreachable', describeNetworkError(error, origin)));
      });
      if (exchange.body !== undefined) req.write(exchange.body);
      req.end();
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

/** Only when a timeout is said: formatting a number for every request was a measurable share of a poll. */
export function formatSeconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}

function describeNetworkError(error: NodeJS.ErrnoException, origin: string): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return `server unreachable at ${origin} (connection refused)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `server unreachable at ${origin} (host name not found)`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `server unreachable at ${origin} (the connection was dropped)`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `the certificate of ${origin} could not be verified (${error.code}); add your company CA file in the settings`;
    default:
      return `server unreachable at ${origin} (${error.code ?? error.message})`;
  }
}
