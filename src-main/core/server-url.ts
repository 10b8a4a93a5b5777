/**
 * Joining a server's address with a path, defined once: an address given with or without a
 * trailing slash reaches the same endpoint, in every client and the CLI.
 */
export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** `base` an http(s) address (a trailing slash is fine), `path` starting with '/'. */
export function joinUrl(base: string, path: string): string {
  return withoutTrailingSlash(base) + path;
}
