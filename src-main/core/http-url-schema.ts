/** A server address, http(s) only: shared by the backend config and the settings (and so the renderer), hence dependency-free. */
import { z } from 'zod';

export const HttpUrlSchema = z
  .string()
  .trim()
  .url('a URL such as https://recording.example.com')
  .refine((u) => /^https?:\/\//i.test(u), 'must start with http:// or https://');
