/** The contract's schema of a BackendError (result.ts holds the kinds and the rules, without zod). */
import { z } from 'zod';
import { BACKEND_ERROR_KINDS } from './result';

export const BackendErrorSchema = z.object({
  kind: z.enum(BACKEND_ERROR_KINDS),
  message: z.string(),
  /** The HTTP status, when there was one. */
  status: z.number().int().optional(),
});
export type BackendError = z.infer<typeof BackendErrorSchema>;
