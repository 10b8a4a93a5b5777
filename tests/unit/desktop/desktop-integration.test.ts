import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFileFor, isAppUrl } from '../../../src-main/desktop/app-url';
import { autostartCommand, desktopEntry } from '../../../src-main/desktop/autostart-entry';
import { parseLaunchArgs } from '../../../src-main/desktop/launch-args';
import { applyStartAtLogin } from '../../../src-main/shell/autostart';
import { openSecretStore } from '../../../src-main/shell/secret-store';
import { fakeElectron } from '../../support/fake-electron';

describe('start at login', () => {
  it('Linux: writes an XDG autostart entry that starts the AppImage hidden, and removes it', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'rk-xdg-'));
    const api = fakeElectron();
    const ctx = { platform: 'linux' as const, env: { XDG_CONFIG_HOME: xdg, APPIMAGE: '/home/pat/Apps/RecordKey 1.0.AppImage' }, home: '/home/pat', execPath: '/tmp/.mount_x/recordkey', appPath: null };
    const file = applyStartAtLogin(api.app, true, ctx)!;
    expect(file).toBe(join(xdg, 'autostart', 'recordkey.desktop'));
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\nName=RecordKey\n/);
    expect(text).toContain('Exec="/home/pat/Apps/RecordKey 1.0.AppImage" --hidden\n');
    applyStartAtLogin(api.app, false, ctx);
    expect(existsSync(file)).toBe(false);
    expect(api.loginItems).toEqual([]);
  });

  it('Windows and macOS: the OS login item, started hidden', () => {
    const api = fakeElectron();
    applyStartAtLogin(api.app, true, { platform: 'win32', env: {}, home: 'C:\\Users\\pat', execPath: 'C:\\RecordKey\\RecordKey.exe', appPath: null });
    expect(api.loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
  });

  it('an unpackaged run starts electron with the app folder', () => {
    expect(autostartCommand({}, '/usr/lib/electron/electron', '/src/recordkey')).toEqual(['/usr/lib/electron/electron', '/src/recordkey', '--hidden']);
    expect(desktopEntry(['/opt/a b/rk', '--hidden'])).toContain('Exec="/opt/a b/rk" --hidden');
  });
});

describe('a second launch carries an intent', () => {
  it.each([
    [['/opt/recordkey', '--blackout', 'start'], { type: 'blackout', action: 'start' }],
    [['/opt/recordkey', '--record', 'stop'], { type: 'voice', action: 'stop' }],
    [['/opt/recordkey', '--screen', 'toggle'], { type: 'screen', action: 'toggle' }],
  ])('%j', (argv, intent) => {
    expect(parseLaunchArgs(argv)).toEqual({ hidden: false, intent, problem: null });
  });

  it('--hidden starts in the tray; a bad action is reported, not guessed', () => {
    expect(parseLaunchArgs(['/opt/recordkey', '--hidden'])).toEqual({ hidden: true, intent: null, problem: null });
    expect(parseLaunchArgs(['/opt/recordkey', '--blackout', 'now']).problem).toBe('--blackout needs start, stop or toggle');
  });
});

describe('app:// URLs', () => {
  it('map to files in the renderer folder and never outside it', () => {
    expect(appFileFor('app://recordkey/index.html', '/app/renderer')).toBe('/app/renderer/index.html');
    expect(appFileFor('app://recordkey/', '/app/renderer')).toBe('/app/renderer/index.html');
    expect(appFileFor('app://recordkey/assets/x.js', '/app/renderer')).toBe('/app/renderer/assets/x.js');
    // The URL parser resolves dot segments itself, so this one stays inside the folder…
    expect(appFileFor('app://recordkey/%2e%2e/%2e%2e/etc/passwd', '/app/renderer')).toBe('/app/renderer/etc/passwd');
    // …and one that hides its slashes from the parser is refused.
    expect(appFileFor('app://recordkey/..%2f..%2fetc%2fpasswd', '/app/renderer')).toBeNull();
    expect(appFileFor('app://other/index.html', '/app/renderer')).toBeNull();
    expect(appFileFor('file:///etc/passwd', '/app/renderer')).toBeNull();
    expect(isAppUrl('app://recordkey/index.html')).toBe(true);
    expect(isAppUrl('https://recordkey/index.html')).toBe(false);
  });
});

describe('secret store (fake safeStorage)', () => {
  it('encrypts what it saves: the file never holds the secret in the clear', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rk-secrets-')), 'secrets.json');
    const api = fakeElectron();
    const store = await openSecretStore(api.safeStorage, file, 'linux');
    expect(store.storage).toBe('encrypted');
    await store.write({ cxoneAccessKeySecret: 'hunter2-secret' });
    expect(readFileSync(file, 'utf8')).not.toContain('hunter2');
    const reopened = await openSecretStore(api.safeStorage, file, 'linux');
    expect(reopened.read()).toEqual({ cxoneAccessKeySecret: 'hunter2-secret' });
    await reopened.write({ cxoneAccessKeySecret: '' });
    expect((await openSecretStore(api.safeStorage, file, 'linux')).read()).toEqual({});
  });

  it('with no real key store (Linux basic_text), says so and refuses to save', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rk-secrets-')), 'secrets.json');
    const store = await openSecretStore(fakeElectron({ keyStore: 'basic_text' }).safeStorage, file, 'linux');
    expect(store.storage).toBe('unavailable');
    await expect(Promise.resolve().then(() => store.write({ onpremPassword: 'x' }))).rejects.toThrow(/no secure key store/);
    expect(existsSync(file)).toBe(false);
  });
});
