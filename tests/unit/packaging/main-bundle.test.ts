/**
 * The real bundle, run: dist/main/main.js in a child Node process with a recording stand-in
 * for `electron` (tests/support/electron-stand-in), temp HOME and userData, demo mode. It
 * proves the wiring esbuild produced (imports, the protocol handler, the preload, IPC, the
 * single-instance hand-over, quitting) without the Electron binary; the README says what only
 * a real Electron run can prove.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppStateSchema, IPC_REQUESTS, type AppState } from '../../../src-main/core/ipc-contract';
import { BundleChild, MAIN_BUNDLE } from '../../support/bundle-child';

const children: BundleChild[] = [];
const start = (options?: Parameters<typeof BundleChild.start>[0]) => {
  const child = BundleChild.start(options);
  children.push(child);
  return child;
};
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

beforeAll(() => {
  // Always the current source: esbuild takes well under a second. The renderer only if missing (npm test builds it first).
  const main = spawnSync(process.execPath, ['scripts/build-main.mjs'], { encoding: 'utf8' });
  if (main.status !== 0) throw new Error(`building dist/main failed:\n${main.stderr}`);
  if (!existsSync('dist/renderer/index.html')) {
    const renderer = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { encoding: 'utf8' });
    if (renderer.status !== 0) throw new Error(`building dist/renderer failed:\n${renderer.stderr}`);
  }
  expect(existsSync(MAIN_BUNDLE)).toBe(true);
}, 120_000);

const stateOf = async (child: BundleChild): Promise<AppState> => AppStateSchema.parse(await child.call('renderer', { method: 'getState' }));

async function waitForState(child: BundleChild, test: (s: AppState) => boolean, what: string, timeoutMs = 15_000): Promise<AppState> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const state = await stateOf(child);
    if (test(state)) return state;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(state.controls)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function auditLines(userData: string): Array<Record<string, unknown>> {
  const dir = join(userData, 'audit');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('dist/main/main.js under a recording Electron stand-in', () => {
  it('starts: tray with an existing icon and Quit, a locked-down window on app:// served with the CSP, a handler per IPC channel, getState through the real preload', async () => {
    const child = start();
    const record = await child.waitFor((r) => (r.windows[0]?.exposed.length ? r : null), 'the window and its preload');

    expect(record.appCalls).toContain('setDesktopName com.recordkey.desktop.desktop');
    expect(record.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(record.lock).toEqual({ recordkeyLaunch: { hidden: false, intent: null, problem: null } });

    const tray = record.trays[0];
    expect(tray.imageExists).toBe(true);
    expect(tray.image).toMatch(/assets\/tray\/linux\/[\w-]+\.png$/);
    expect(tray.menu.map((i) => i.label)).toContain('Quit RecordKey');

    const window = record.windows[0];
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(window.options.webPreferences.preload)).toMatch(/dist\/main\/preload\.cjs$/);
    expect(window.windowOpen).toEqual({ action: 'deny' });
    expect(window.loaded).toEqual(['app://recordkey/index.html']);
    expect(window.pages[0]).toMatchObject({ status: 200, contentType: 'text/html; charset=utf-8' });
    expect(window.pages[0].csp).toMatch(/default-src 'none'/);
    expect(window.preloadError).toBeNull();
    expect(window.exposed).toEqual([{ key: 'recordkey', methods: ['findAgents', 'getHistory', 'getSettings', 'getState', 'onNavigate', 'onState', 'send', 'setSettings', 'testConnection', 'verifyAudit'] }]);
    expect([...record.handlers].sort()).toEqual(Object.keys(IPC_REQUESTS).sort());

    // The renderer's assets come through the same handler, with their types; a directory is a 404.
    const html = await child.call<{ body: string }>('fetch', { url: 'app://recordkey/index.html' });
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html.body)![1];
    expect(await child.call('fetch', { url: `app://recordkey/${script}` })).toMatchObject({ status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
    expect(await child.call('fetch', { url: 'app://recordkey/assets' })).toMatchObject({ status: 404 });

    const state = await stateOf(child);
    expect(state.demo).toBe(true);
    await expect(child.call('renderer', { method: 'send', args: [{ type: 'refresh' }] })).resolves.toEqual({ accepted: true, reason: null });
    await expect(child.call('renderer', { method: 'send', args: [{ type: 'voice', action: 'explode' }] })).rejects.toThrow(/refused recordkey:send-intent/);
    await expect(child.call('foreignInvoke', { channel: 'recordkey:get-state' })).rejects.toThrow(/does not come from the RecordKey window/);
  });

  it('a second launch hands its own parsed request to the first, which acts on it even with Chromium switches inserted into argv', async () => {
    const first = start();
    await first.waitFor((r) => r.windows[0]?.exposed.length, 'the first instance');

    const second = start({ argv: ['--blackout', 'start'], env: { STANDIN_LOCK_TAKEN: '1' } });
    const { code, record } = await second.exited;
    expect(code).toBe(0);
    expect(record!.trays).toEqual([]);
    const additionalData = record!.lock;
    expect(additionalData).toEqual({ recordkeyLaunch: { hidden: false, intent: { type: 'blackout', action: 'start' }, problem: null } });

    await first.call('secondInstance', { argv: ['/opt/RecordKey/recordkey', '--blackout', '--original-process-start-time=13370', 'start'], additionalData });
    const history = await first.call<Array<{ source: string; action: string }>>('renderer', { method: 'getHistory' });
    expect(history.filter((h) => h.source === 'second-instance')).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'blackout start', result: 'intent' })]));
  });

  it('a corrupt secrets file and a corrupt settings file leave a working tray, with both problems shown', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'rk-bundle-'));
    writeFileSync(join(userData, 'secrets.json'), '{"onpremPassword":"ZW5j');
    writeFileSync(join(userData, 'settings.json'), '{"version": 2, "connection": {"backend": "onp');
    const child = start({ userData });
    const record = await child.waitFor((r) => (r.windows[0]?.exposed.length ? r : null), 'the window');
    expect(record.trays).toHaveLength(1);
    expect(record.trays[0].menu.map((i) => i.label)).toContain('Quit RecordKey');
    expect(record.trays[0].menu.map((i) => i.label)).not.toContain('Restart RecordKey');
    const state = await stateOf(child);
    const messages = state.notices.map((n) => n.message).join('\n');
    expect(messages).toMatch(/saved passwords and keys could not be read/);
    expect(messages).toMatch(/settings could not be read/);
    // Fail closed: unreadable settings never fall back to DEMO.
    expect(state.demo).toBe(false);
    expect(state.connection.status).toBe('misconfigured');
  });

  it('quitting while paused resumes the pause first, then exits; the audit log says so', async () => {
    const child = start();
    await child.waitFor((r) => r.windows[0]?.exposed.length, 'the window');
    await waitForState(child, (s) => !!s.agent?.activeCall && s.availability.blackout === null, 'a demo call that can be paused', 30_000);
    await child.call('renderer', { method: 'send', args: [{ type: 'blackout', action: 'start' }] });
    await waitForState(child, (s) => s.controls.blackout.kind === 'on', 'the pause to be on');

    await child.call('clickTray', { label: 'Quit RecordKey' });
    const { code } = await child.exited;
    expect(code).toBe(0);
    const lines = auditLines(child.userData);
    const runEnd = lines.filter((l) => l.result === 'run-end').at(-1)!;
    expect(runEnd.detail).toMatchObject({ pauseWasOn: true, pauseOver: true });
    const resume = lines.find((l) => l.source === 'shutdown' && (l.detail as { outcome?: boolean } | undefined)?.outcome);
    expect(resume).toBeDefined();
    expect(lines.indexOf(resume!)).toBeLessThan(lines.indexOf(runEnd));
  }, 60_000);
});
