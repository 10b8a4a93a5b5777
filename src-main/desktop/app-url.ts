/**
 * The status window is loaded from app://recordkey/… (not file://, which would give the page
 * the file system's origin). This maps such a URL to a file under the renderer's build
 * folder, refusing anything that would step outside it, and names each file's media type.
 */
import { extname, normalize, resolve, sep } from 'node:path';

export const APP_ORIGIN = 'app://recordkey';
export const APP_INDEX = `${APP_ORIGIN}/index.html`;

/** The index page opened on a view (the renderer reads the hash once at start). */
export function appIndexFor(view: string | undefined): string {
  return view ? `${APP_INDEX}#${view}` : APP_INDEX;
}

export function appFileFor(url: string, root: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'app:' || parsed.host !== 'recordkey') return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    // A malformed % escape ("%E0%A4%A") is a bad request, not a crash.
    return null;
  }
  const relative = path.replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const file = normalize(resolve(base, relative));
  return file === base || file.startsWith(base + sep) ? file : null;
}

/** Media types of what the renderer build contains; anything else is served as bytes. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Only the app's own pages may use the IPC API. */
export function isAppUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}
