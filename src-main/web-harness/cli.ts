/**
 * `npm run dev:web -- [--port 0] [--built] [--settings FILE] [--policy FILE] [--audit-dir DIR]`:
 * prints `renderer on URL` and, in demo mode, `simulator on URL`.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startWebHarness } from './web-harness';

const USAGE = `usage: npm run dev:web -- [--port 5174] [--host 127.0.0.1] [--built] [--settings FILE] [--policy FILE] [--audit-dir DIR]

The status window in your browser, against the real core: demo mode (the built-in simulator)
unless --settings names a settings file with a server. Prints "renderer on URL"; open it.
  --built       serve the production build (npm run build) instead of Vite's dev server
  --settings F  a settings file (as the app writes it); --policy F an admin policy file
  --audit-dir D where the audit log goes (default: in memory)
`;

const Args = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(5174),
  host: z.string().default('127.0.0.1'),
  built: z.boolean().default(false),
  settings: z.string().optional(),
  policy: z.string().optional(),
  'audit-dir': z.string().optional(),
});

async function main(): Promise<void> {
  let values: unknown;
  try {
    values = parseArgs({
      args: process.argv.slice(2),
      options: { port: { type: 'string' }, host: { type: 'string' }, built: { type: 'boolean' }, settings: { type: 'string' }, policy: { type: 'string' }, 'audit-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }).values;
  } catch (error) {
    process.stderr.write(`dev:web: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if ((values as { help?: boolean }).help) {
    process.stdout.write(USAGE);
    return;
  }
  const args = Args.safeParse(values);
  if (!args.success) {
    process.stderr.write(`dev:web: ${z.prettifyError(args.error)}\n`);
    process.exit(2);
  }
  const a = args.data;
  const harness = await startWebHarness({
    // Lets scripted runs (the Playwright suite) configure CXone without typing secrets into the page.
    secrets: { cxoneClientSecret: process.env.RECORDKEY_CXONE_CLIENT_SECRET, cxoneAccessKeySecret: process.env.RECORDKEY_CXONE_ACCESS_KEY_SECRET }, port: a.port, host: a.host, built: a.built, settingsFile: a.settings ?? null, policyFile: a.policy ?? null, auditDir: a['audit-dir'] ?? null });
  process.stdout.write(`renderer on ${harness.url}\n`);
  if (harness.runtime.simulatorUrl) process.stdout.write(`simulator on ${harness.runtime.simulatorUrl}\n`);
  const stop = () => void harness.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const e = error as NodeJS.ErrnoException & { port?: number };
  if (e.code === 'EADDRINUSE') {
    const which = e.port ? `port ${e.port}` : 'the port';
    process.stderr.write(`dev:web: ${which} is taken (another dev:web running?): use --port 0 for any free port, or --port N\n`);
    process.exit(2);
  }
  process.stderr.write(`dev:web: ${e.message}\n`);
  process.exit(1);
});
