/** A server address, http(s) only: shared by the backend config and the settings (and so the renderer), hence dependency-free. */
import { z } from 'zod';

export const HttpUrlSchema = z
  .string()
  .trim()
  .url('a URL such as https://recording.example.com')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');

/** A site relay's WebSocket address (README "The site relay"). */
export const RelayUrlSchema = z
  .string()
  .trim()
  .url('a URL such as wss://relay.example.com:8765/v1/agents')
  .refine((u) => /^wss?:\/\//i.test(u), 'must start with ws:// or wss://');
/** How many relays a desktop may list (tried in order). */
export const MAX_RELAYS = 4;

/** How long one request to a recording server may take, unless the settings say otherwise. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
export const RequestTimeoutSchema = z.number().int().min(500).max(60_000).default(DEFAULT_REQUEST_TIMEOUT_MS);
