/**
 * A status poll answers the same bytes for as long as nothing changes, which is most of the
 * time. Parsing them again (JSON, then the zod schema) would only rebuild an equal snapshot;
 * returning the very same object also tells the poller that nothing changed (poller.ts).
 */
import type { Result } from '../core/result';

export class RepeatedBodyCache<T> {
  private key: string | null = null;
  private value: T | null = null;

  /** `key` is everything the parse depends on (the status code and the body). */
  parse(key: string, parse: () => Result<T>): Result<T> {
    if (key === this.key && this.value !== null) return { ok: true, value: this.value };
    const result = parse();
    this.key = result.ok ? key : null;
    this.value = result.ok ? result.value : null;
    return result;
  }
}
