/**
 * The app:// protocol handler: the renderer's build folder, each file with its media type and
 * the renderer's CSP. Anything that is not a file there (a directory, a path outside the
 * folder, a malformed URL) is a 404, never an exception inside Electron's protocol layer.
 */
import { readFileSync, statSync } from 'node:fs';
import { RENDERER_CSP } from '../core/content-security-policy';
import { appFileFor, contentTypeFor } from '../desktop/app-url';

export function serveAppRequest(url: string, rendererRoot: string): Response {
  const file = appFileFor(url, rendererRoot);
  const notFound = () => new Response('not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!file) return notFound();
  try {
    if (!statSync(file).isFile()) return notFound();
    return new Response(readFileSync(file), { headers: { 'content-type': contentTypeFor(file), 'content-security-policy': RENDERER_CSP, 'x-content-type-options': 'nosniff' } });
  } catch {
    return notFound();
  }
}
