// Where the browser tests find Chromium: RECORDKEY_CHROMIUM, else Debian's /usr/bin/chromium.
// Playwright's own browser download is never used (it cannot be fetched here).
import { existsSync } from 'node:fs';

export function chromiumPath() {
  const candidates = [process.env.RECORDKEY_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((p) => existsSync(p)) ?? null;
}

export function chromiumMissingMessage() {
  return 'Chromium was not found at /usr/bin/chromium: install it (Debian: sudo apt-get install chromium) or set RECORDKEY_CHROMIUM to a Chromium binary.';
}
