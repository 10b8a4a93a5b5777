import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The test hooks main.ts exposes with RECORDKEY_TEST_HOOKS=1 (Playwright cannot click an OS tray).
type Hooks = { clickTray(label: string): boolean; pressHotkey(action: string): unknown; state(): { demo: boolean; controls: Record<string, { status: string }> } };
const hooks = (app: ElectronApplication) => ({
  clickTray: (label: string) => app.evaluate((_e, l) => (globalThis as unknown as { __recordkey: Hooks }).__recordkey.clickTray(l), label),
  pressHotkey: (action: string) => app.evaluate((_e, a) => void (globalThis as unknown as { __recordkey: Hooks }).__recordkey.pressHotkey(a), action),
  state: () => app.evaluate(() => (globalThis as unknown as { __recordkey: Hooks }).__recordkey.state()),
});

let app: ElectronApplication;

test.beforeEach(async () => {
  app = await electron.launch({
    executablePath: process.env.RECORDKEY_ELECTRON!,
    args: ['.', '--no-sandbox'],
    env: { ...process.env, RECORDKEY_TEST_HOOKS: '1', RECORDKEY_USER_DATA: mkdtempSync(join(tmpdir(), 'rk-electron-')) },
  });
});
test.afterEach(async () => {
  await app?.close();
});

test('launches in demo mode and the window shows the DEMO state', async () => {
  const window = await app.firstWindow();
  await expect(window.getByText('DEMO', { exact: true })).toBeVisible();
  expect((await hooks(app).state()).demo).toBe(true);
});

test('a tray item, found by its label, reaches the core', async () => {
  const window = await app.firstWindow();
  await expect(window.getByRole('status', { name: 'Connection: Connected' })).toBeVisible({ timeout: 15_000 });
  expect(await hooks(app).clickTray('Pause for sensitive data')).toBe(true);
  await expect(window.getByTestId('blackout-status')).toHaveText(/Paused|waiting for the server/);
});

test('a hotkey press becomes an intent, and the window shows the result', async () => {
  const window = await app.firstWindow();
  await expect(window.getByRole('status', { name: 'Connection: Connected' })).toBeVisible({ timeout: 15_000 });
  await hooks(app).pressHotkey('toggleBlackout');
  await expect(window.getByTestId('blackout-status')).toHaveText(/Paused|waiting for the server/);
  await hooks(app).pressHotkey('toggleBlackout');
  await expect(window.getByTestId('blackout-status')).toHaveText(/Not paused/, { timeout: 10_000 });
});
