import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFileFor, isAppUrl } from '../../../src-main/desktop/app-url';
import { autostartCommand, desktopEntry } from '../../../src-main/desktop/autostart-entry';
import { LAUNCH_DATA_KEY, parseLaunchArgs, secondInstanceRequest, startsHidden } from '../../../src-main/desktop/launch-args';
import { contentTypeFor } from '../../../src-main/desktop/app-url';
import { hotkeyRegisteredWord, trayMayBeInvisible } from '../../../src-main/desktop/tray-visibility';
import { trayHostFromReply } from '../../../src-main/shell/tray-host-probe';
import { serveAppRequest } from '../../../src-main/shell/app-protocol';
import { applyStartAtLogin } from '../../../src-main/shell/autostart';
import { openSecretStore } from '../../../src-main/shell/secret-store';
import { fakeElectron } from '../../support/fake-electron';

describe('start at login', () => {
  it('Linux: writes an XDG autostart entry that starts the AppImage hidden, and removes it', () => {
    const xdg = mkdtempSync(join(tmpdir(), 'rk-xdg-'));
    const api = fakeElectron();
    const ctx = { platform: 'linux' as const, env: { XDG_CONFIG_HOME: xdg, APPIMAGE: '/home/pat/Apps/RecordKey 1.0.AppImage' }, home: '/home/pat', execPath: '/tmp/.mount_x/recordkey', appPath: null, isPackaged: true };
    // An entry an earlier version wrote under the old name is replaced, so login never starts RecordKey twice.
    mkdirSync(join(xdg, 'autostart'), { recursive: true });
    writeFileSync(join(xdg, 'autostart', 'recordkey.desktop'), '[Desktop Entry]\n');
    const result = applyStartAtLogin(api.app, true, ctx);
    const file = result.applied ? result.file! : '';
    expect(file).toBe(join(xdg, 'autostart', 'com.recordkey.desktop.desktop'));
    expect(existsSync(join(xdg, 'autostart', 'recordkey.desktop'))).toBe(false);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^\[Desktop Entry\]\nType=Application\nName=RecordKey\n/);
    // The window's WM_CLASS / app_id is the desktop file id (setDesktopName), so the desktop matches them up.
    expect(text).toContain('\nStartupWMClass=com.recordkey.desktop\n');
    expect(text).toContain('Exec="/home/pat/Apps/RecordKey 1.0.AppImage" --hidden\n');
    applyStartAtLogin(api.app, false, ctx);
    expect(existsSync(file)).toBe(false);
    expect(api.loginItems).toEqual([]);
  });

  it('Windows and macOS: the OS login item, started hidden', () => {
    const api = fakeElectron();
    applyStartAtLogin(api.app, true, { platform: 'win32', env: {}, home: 'C:\\Users\\pat', execPath: 'C:\\RecordKey\\RecordKey.exe', appPath: null, isPackaged: true });
    expect(api.loginItems).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
  });

  it('a development run (electron .) registers nothing on the developer\'s machine, and says so', () => {
    const api = fakeElectron();
    const xdg = mkdtempSync(join(tmpdir(), 'rk-xdg-'));
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const result = applyStartAtLogin(api.app, true, { platform, env: { XDG_CONFIG_HOME: xdg }, home: '/home/dev', execPath: '/usr/bin/electron', appPath: '/src/recordkey', isPackaged: false });
      expect(result).toEqual({ applied: false, reason: expect.stringMatching(/development run/) });
    }
    expect(api.loginItems).toEqual([]);
    expect(existsSync(join(xdg, 'autostart'))).toBe(false);
    // …unless the developer asks for it explicitly.
    expect(applyStartAtLogin(api.app, true, { platform: 'win32', env: { RECORDKEY_DEV_AUTOSTART: '1' }, home: '', execPath: 'e', appPath: '/src', isPackaged: false }).applied).toBe(true);
  });

  it('macOS: a login item cannot pass --hidden, so a start at login is recognised by wasOpenedAtLogin', () => {
    const plain = parseLaunchArgs(['/Applications/RecordKey.app/Contents/MacOS/RecordKey']);
    expect(startsHidden(plain, 'darwin', true)).toBe(true);
    expect(startsHidden(plain, 'darwin', false)).toBe(false);
    // Other systems pass --hidden; wasOpenedAtLogin is macOS-only and ignored elsewhere.
    expect(startsHidden(plain, 'win32', true)).toBe(false);
    expect(startsHidden(parseLaunchArgs(['RecordKey.exe', '--hidden']), 'win32', false)).toBe(true);
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

  it('the first instance uses the request the second one parsed itself, whatever Chromium did to its argv', () => {
    const own = parseLaunchArgs(['/opt/recordkey', '--blackout', 'start']);
    // Electron documents that second-instance argv may be reordered and gain switches.
    const mangled = ['/opt/recordkey', '--blackout', '--original-process-start-time=1337', 'start'];
    expect(parseLaunchArgs(mangled).intent).toBeNull();
    expect(secondInstanceRequest(mangled, { [LAUNCH_DATA_KEY]: own })).toEqual({ hidden: false, intent: { type: 'blackout', action: 'start' }, problem: null });
    // An older RecordKey sends no additionalData: its argv is the fallback.
    expect(secondInstanceRequest(['/opt/recordkey', '--record', 'stop'], undefined).intent).toEqual({ type: 'voice', action: 'stop' });
    // Data that does not fit the contract is a visible problem, never a guess.
    expect(secondInstanceRequest([], { [LAUNCH_DATA_KEY]: { intent: { type: 'nuke' } } })).toMatchObject({ intent: null, problem: expect.stringMatching(/does not understand/) });
  });
});

describe('Linux desktop integration', () => {
  it('a desktop with no tray host (stock GNOME) is noticed; unknown answers fall back to the desktop name', () => {
    expect(trayHostFromReply('method return time=1 sender=org.freedesktop.DBus\n   boolean false\n')).toBe('absent');
    expect(trayHostFromReply('   boolean true\n')).toBe('present');
    expect(trayHostFromReply('')).toBe('unknown');
    expect(trayMayBeInvisible('linux', { XDG_CURRENT_DESKTOP: 'KDE' }, 'absent')).toBe(true);
    expect(trayMayBeInvisible('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, 'present')).toBe(false);
    expect(trayMayBeInvisible('linux', { XDG_CURRENT_DESKTOP: 'ubuntu:GNOME' }, 'unknown')).toBe(true);
    expect(trayMayBeInvisible('linux', { XDG_CURRENT_DESKTOP: 'XFCE' }, 'unknown')).toBe(false);
    expect(trayMayBeInvisible('win32', {}, 'absent')).toBe(false);
  });

  it('on Wayland a hotkey the portal accepted is not called working', () => {
    expect(hotkeyRegisteredWord('linux', { XDG_SESSION_TYPE: 'wayland' })).toMatch(/^requested from the desktop/);
    expect(hotkeyRegisteredWord('linux', { XDG_SESSION_TYPE: 'x11' })).toBe('registered');
    expect(hotkeyRegisteredWord('darwin', { XDG_SESSION_TYPE: 'wayland' })).toBe('registered');
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
    // A malformed escape is a bad URL, not an exception in the protocol handler.
    expect(appFileFor('app://recordkey/%E0%A4%A', '/app/renderer')).toBeNull();
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/worker.mjs', 'text/javascript; charset=utf-8'],
    ['assets/index.css', 'text/css; charset=utf-8'],
    ['icons/pause.svg', 'image/svg+xml'],
    ['fonts/inter.woff2', 'font/woff2'],
    ['manifest.json', 'application/json'],
    ['blob.bin', 'application/octet-stream'],
  ])('%s is served as %s', (file, type) => {
    expect(contentTypeFor(`/app/renderer/${file}`)).toBe(type);
  });

  it('the handler serves files with the CSP, and answers 404 for a directory, a bad escape or a missing file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rk-renderer-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>RecordKey</title>');
    writeFileSync(join(root, 'assets', 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const page = serveAppRequest('app://recordkey/index.html', root);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'|default-src 'self'/);
    expect(await page.text()).toContain('<title>RecordKey</title>');
    expect(serveAppRequest('app://recordkey/assets/icon.svg', root).headers.get('content-type')).toBe('image/svg+xml');
    for (const url of ['app://recordkey/assets', 'app://recordkey/assets/', 'app://recordkey/%E0%A4%A', 'app://recordkey/missing.js', 'app://recordkey/..%2f..%2fetc%2fpasswd']) {
      expect(serveAppRequest(url, root).status, url).toBe(404);
    }
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

  it.each([
    ['truncated', '{"onpremPassword":"ZW5jOnR'],
    ['not the expected shape', '["a"]'],
  ])('a %s file is kept aside and reported; RecordKey starts without those secrets and can save new ones', async (_name, text) => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-secrets-'));
    const file = join(dir, 'secrets.json');
    writeFileSync(file, text);
    const store = await openSecretStore(fakeElectron().safeStorage, file, 'linux', () => 1234);
    expect(store.read()).toEqual({});
    expect(store.problem).toMatch(/^The saved passwords and keys could not be read \(.+\); the file was kept as .*secrets\.corrupt-1234\.json\. Enter them again in Settings\.$/);
    expect(readFileSync(join(dir, 'secrets.corrupt-1234.json'), 'utf8')).toBe(text);
    await store.write({ onpremPassword: 'new' });
    expect((await openSecretStore(fakeElectron().safeStorage, file, 'linux')).read()).toEqual({ onpremPassword: 'new' });
  });
});
