/**
 * The renderer's Content Security Policy: its own scripts and styles only, no inline code,
 * no eval, no remote anything. connect-src 'self' lets the browser harness open its
 * same-origin WebSocket; under app:// in Electron there is nothing to connect to.
 */
export const RENDERER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
