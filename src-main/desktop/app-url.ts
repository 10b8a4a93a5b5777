/**
 * The status window is loaded from app://recordkey/… (not file://, which would give the page
 * the file system's origin). This maps such a URL to a file under the renderer's build
 * folder, refusing anything that would step outside it.
 */
import { normalize, resolve, sep } from 'node:path';

export const APP_ORIGIN = 'app://recordkey';
export const APP_INDEX = `${APP_ORIGIN}/index.html`;

export function appFileFor(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'app:' || parsed.host !== 'recordkey') return null;
  const relative = decodeURIComponent(parsed.pathname).replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const file = normalize(resolve(base, relative));
  return file === base || file.startsWith(base + sep) ? file : null;
}

/** Only the app's own pages may use the IPC API. */
export function isAppUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}
