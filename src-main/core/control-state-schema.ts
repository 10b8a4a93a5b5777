/** The contract's schemas of a control's state (control-state.ts holds the rules, without zod). */
import { z } from 'zod';
import { CONTROL_NAMES, EVIDENCE, type OnOff } from './control-state';
import { BackendErrorSchema } from './result-schema';

export const ControlNameSchema = z.enum(CONTROL_NAMES);
export type ControlName = z.infer<typeof ControlNameSchema>;

const Since = z.string();
const OnOffSchema = z.enum(['on', 'off']);

/** What was last known before a command: the truth behind a pending or failed control. */
export const KnownSchema = z.union([
  z.object({ value: OnOffSchema, evidence: z.enum(EVIDENCE) }),
  z.object({ value: z.literal('unknown') }),
]);
export type Known = z.infer<typeof KnownSchema>;

const Settled = <K extends OnOff>(kind: K) => [
  z.object({ kind: z.literal(kind), evidence: z.enum(['status', 'answer']), since: Since }),
  /** `reason` says why RecordKey assumes it (e.g. "the server did not answer"). */
  z.object({ kind: z.literal(kind), evidence: z.literal('assumed'), reason: z.string(), since: Since }),
];

export const ControlStateSchema = z.union([
  z.object({ kind: z.literal('unknown'), since: Since }),
  ...Settled('on'),
  ...Settled('off'),
  z.object({
    kind: z.literal('pending'),
    target: OnOffSchema,
    /** sending: the command is out; retrying: the server was busy or failed; confirming: reading the status back. */
    phase: z.enum(['sending', 'retrying', 'confirming']),
    attempts: z.number().int().min(1),
    lastError: BackendErrorSchema.nullable(),
    lastKnown: KnownSchema,
    /** What the status showed after the server answered: what confirms or contradicts the answer. */
    readBack: z.enum(['on', 'off', 'unknown']),
    since: Since,
  }),
  z.object({ kind: z.literal('failed'), target: OnOffSchema, lastKnown: KnownSchema, error: BackendErrorSchema, since: Since }),
]);
export type ControlState = z.infer<typeof ControlStateSchema>;
