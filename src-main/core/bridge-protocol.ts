/**
 * The Bridge over a WebSocket (the browser harness): the same calls the Electron preload
 * exposes, as zod-checked messages. Requests carry an id; the server answers with that id,
 * and pushes `state` events whenever the AppState changes.
 */
import { z } from 'zod';
import { HistoryCountSchema } from './ipc-contract';

export const BridgeRequestSchema = z.discriminatedUnion('method', [
  z.object({ id: z.number().int(), method: z.literal('getState') }),
  z.object({ id: z.number().int(), method: z.literal('send'), intent: z.unknown() }),
  z.object({ id: z.number().int(), method: z.literal('getHistory'), count: HistoryCountSchema.optional() }),
  z.object({ id: z.number().int(), method: z.literal('verifyAudit') }),
  z.object({ id: z.number().int(), method: z.literal('getSettings') }),
  z.object({ id: z.number().int(), method: z.literal('setSettings'), patch: z.unknown() }),
  z.object({ id: z.number().int(), method: z.literal('findAgents'), request: z.unknown() }),
  z.object({ id: z.number().int(), method: z.literal('testConnection'), patch: z.unknown() }),
]);
export type BridgeRequest = z.infer<typeof BridgeRequestSchema>;

export const BridgeMessageSchema = z.union([
  z.object({ type: z.literal('reply'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('error'), id: z.number().int().nullable(), message: z.string() }),
  z.object({ type: z.literal('state'), state: z.unknown() }),
]);
export type BridgeMessage = z.infer<typeof BridgeMessageSchema>;
