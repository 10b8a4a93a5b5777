import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_ID, DESKTOP_FILE_ID } from '../../../src-main/desktop/app-identity';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true }).compile(schema);

function load(file: string): Record<string, unknown> {
  return parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function errorsOf(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

describe('electron-builder configuration', () => {
  it('conforms to the schema shipped in app-builder-lib', () => {
    expect(errorsOf(load('electron-builder.yml'))).toEqual([]);
  });

  it('fails the schema for a misspelled key, so the check is real', () => {
    const config = load('electron-builder.yml');
    expect(errorsOf({ ...config, prodcutName: 'RecordKey' }).join('\n')).toMatch(/additional/);
    expect(errorsOf({ ...config, mac: { ...(config.mac as object), hardnedRuntime: true } })).not.toEqual([]);
  });

  it('builds the targets the product ships and hardens the fuses', () => {
    const config = load('electron-builder.yml') as {
      win: { target: string[] };
      mac: { target: string[]; extendInfo: Record<string, unknown> };
      linux: { target: string[] };
      electronFuses: Record<string, boolean>;
    };
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it("one identity: appId is the Windows AppUserModelId, package.json's desktopName the Linux desktop file id", () => {
    const config = load('electron-builder.yml') as { appId: string; linux: { syncDesktopName: boolean } };
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { desktopName: string };
    expect(config.appId).toBe(APP_ID);
    expect(pkg.desktopName).toBe(`${DESKTOP_FILE_ID}.desktop`);
    // The installed .desktop file takes desktopName's name, so StartupWMClass and the window's app_id agree.
    expect(config.linux.syncDesktopName).toBe(true);
  });

  it("the deb keeps electron-builder's default dependencies (a depends list replaces them) and recommends a tray host", () => {
    const deb = (load('electron-builder.yml') as { deb: { depends: string[]; recommends: string[] } }).deb;
    expect(deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libsecret-1-0', 'xdg-utils', 'libnotify4']));
    expect(deb.recommends.join(' ')).toMatch(/appindicator/);
  });

  it('ships only what is not bundled: react, react-dom and zod are build-time dependencies', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toEqual(['electron-store']);
  });

  it("the app icon passes electron-builder's own icon check for icns (>= 512 px) and ico (>= 256 px); the old 256 px PNG did not", async () => {
    // electron-builder's converter validates the size, then runs a tool it downloads from GitHub
    // (not reachable here): a stand-in tool records the call, so the check itself is the real one.
    const toolDir = mkdtempSync(join(tmpdir(), 'rk-icons-tool-'));
    writeFileSync(join(toolDir, 'icon-tool.js'), "const fs=require('fs');const out=process.argv.find(a=>a.startsWith('--out=')).slice(6);const f=process.argv.find(a=>a.startsWith('--format=')).slice(9);fs.mkdirSync(out,{recursive:true});fs.writeFileSync(out+'/icon.'+f,'stand-in');\n");
    process.env.ELECTRON_BUILDER_ICONS_TOOLSET_DIR = toolDir;
    const { convertIcon } = require('app-builder-lib/out/util/iconConverter') as {
      convertIcon(o: { sources: string[]; fallbackSources: string[]; roots: string[]; format: string; outDir: string }): Promise<{ icons: Array<{ file: string; size: number }> }>;
    };
    const outDir = mkdtempSync(join(tmpdir(), 'rk-icns-'));
    const icns = await convertIcon({ sources: ['assets/app/icon.png'], fallbackSources: [], roots: [process.cwd()], format: 'icns', outDir });
    expect(icns.icons[0].size).toBeGreaterThanOrEqual(512);
    const ico = await convertIcon({ sources: ['assets/app/icon.ico'], fallbackSources: [], roots: [process.cwd()], format: 'ico', outDir });
    expect(ico.icons[0].size).toBe(256);
    const small = join(outDir, 'small.png');
    const header = Buffer.alloc(24);
    header.writeUInt32BE(256, 16);
    header.writeUInt32BE(256, 20);
    writeFileSync(small, header);
    await expect(convertIcon({ sources: [small], fallbackSources: [], roots: [process.cwd()], format: 'icns', outDir })).rejects.toMatchObject({ code: 'ERR_ICON_TOO_SMALL' });
    delete process.env.ELECTRON_BUILDER_ICONS_TOOLSET_DIR;
  });
});
