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

/** An address whose requests travel unencrypted. */
export function isPlainHttp(url: string): boolean {
  return /^http:\/\//i.test(url.trim());
}

/** The plain warning said in Settings, by doctor and in the window when credentials would go to http:// addresses. */
export function unencryptedWarning(urls: readonly string[]): string | null {
  if (!urls.length) return null;
  return `Credentials are sent unencrypted to ${urls.join(', ')} (http://): anyone on the network path can read them. Use https:// where the server offers it.`;
}

/** An address with any user:password taken out, for logs and messages (a broker URL carries them). */
export function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//');
}
