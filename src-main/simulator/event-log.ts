/**
 * Every API request the simulator received, with its answer, so tests and trainers can see
 * exactly what a client sent. Bounded so a long benchmark cannot grow it without limit.
 */
export interface SimEvent {
  seq: number;
  at: string;
  method: string;
  path: string;
  query: string;
  body: string;
  status: number | 'dropped';
  fault: boolean;
  /** It arrived on a connection whose earlier request was still being answered (HTTP/1.1 pipelining). */
  pipelined?: true;
}

export class EventLog {
  private events: SimEvent[] = [];
  private seq = 0;

  constructor(private readonly capacity = 5000) {}

  append(event: Omit<SimEvent, 'seq'>): void {
    this.seq += 1;
    this.events.push({ ...event, seq: this.seq });
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
  }

  /** How many API requests have been received in all (the log itself keeps only the last ones). */
  get total(): number {
    return this.seq;
  }

  since(seq: number): SimEvent[] {
    return this.events.filter((e) => e.seq > seq);
  }

  clear(): void {
    this.events = [];
  }
}
