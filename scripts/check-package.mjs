#!/usr/bin/env node
// `npm run check:package`: runs electron-builder's real Linux `dir` build of electron-builder.yml
// against a stand-in Electron folder (the real zip comes from GitHub, unreachable here) and
// checks what it produced:
// - the fuses electron-builder flipped in the executable match electron-builder.yml;
// - app.asar holds the two bundles, the renderer build, package.json and electron-store's
//   runtime dependencies, and nothing else (no source maps, no react/zod, no tests);
// - the tray icons are outside the archive, where Electron's Tray reads them.
// The stand-in executable is a few bytes carrying Electron's fuse sentinel and a fuse wire
// with Electron's defaults, which is all @electron/fuses reads and writes.
// Prints one line per check and exits non-zero on the first difference.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const { build, Platform, Arch } = require('electron-builder');
const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses');
// @electron/fuses writes '1' (0x31) for on and '0' (0x30) for off.
const FUSE_ON = '1'.charCodeAt(0);
const asar = require('@electron/asar');

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, in FuseV1Options order (RunAsNode … GrantFileProtocolExtraPrivileges, WasmTrapHandlers).
const DEFAULT_WIRE = '101100011';
const electronVersion = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version;

const failures = [];
const check = (what, ok, detail = '') => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail ? ` — ${detail}` : ''}\n`);
  if (!ok) failures.push(what);
};

if (!existsSync('dist/main/main.js') || !existsSync('dist/renderer/index.html')) {
  const built = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const work = mkdtempSync(join(tmpdir(), 'rk-package-'));
const standIn = join(work, 'electron-dist');
mkdirSync(join(standIn, 'resources'), { recursive: true });
mkdirSync(join(standIn, 'locales'), { recursive: true });
writeFileSync(join(standIn, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\necho stand-in electron\n# '), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE), Buffer.from('\n')]));
chmodSync(join(standIn, 'electron'), 0o755);
writeFileSync(join(standIn, 'version'), electronVersion);
writeFileSync(join(standIn, 'LICENSE'), 'stand-in');
writeFileSync(join(standIn, 'locales', 'en-US.pak'), '');

const config = parse(readFileSync('electron-builder.yml', 'utf8'));
const output = join(work, 'release');
const started = Date.now();
await build({
  targets: Platform.LINUX.createTarget('dir', Arch.x64),
  config: { ...config, electronDist: standIn, electronVersion, directories: { ...config.directories, output } },
  publish: 'never',
});
check(`electron-builder --linux dir built in ${((Date.now() - started) / 1000).toFixed(1)} s`, true, output);

const appDir = join(output, 'linux-unpacked');
const executable = join(appDir, 'recordkey');
check('the executable is named after the package', existsSync(executable), executable);

const wire = await getCurrentFuseWire(executable);
const expectedFuses = {
  [FuseV1Options.RunAsNode]: config.electronFuses.runAsNode,
  [FuseV1Options.EnableCookieEncryption]: config.electronFuses.enableCookieEncryption,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: config.electronFuses.enableNodeOptionsEnvironmentVariable,
  [FuseV1Options.EnableNodeCliInspectArguments]: config.electronFuses.enableNodeCliInspectArguments,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: config.electronFuses.enableEmbeddedAsarIntegrityValidation,
  [FuseV1Options.OnlyLoadAppFromAsar]: config.electronFuses.onlyLoadAppFromAsar,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: config.electronFuses.grantFileProtocolExtraPrivileges,
};
for (const [option, enabled] of Object.entries(expectedFuses)) {
  const actual = wire[option] === FUSE_ON;
  check(`fuse ${FuseV1Options[option]} is ${enabled ? 'on' : 'off'}`, actual === enabled, `binary says ${actual ? 'on' : 'off'}`);
}

const archive = join(appDir, 'resources', 'app.asar');
const files = asar.listPackage(archive, { isPack: false }).map((f) => f.replaceAll('\\', '/')).filter((f) => !asar.statFile(archive, f.slice(1)).files);
const isExpected = (f) => ['/package.json', '/dist/main/main.js', '/dist/main/preload.cjs'].includes(f) || f.startsWith('/dist/renderer/') || f.startsWith('/node_modules/');
const unexpected = files.filter((f) => !isExpected(f) || f.endsWith('.map'));
check('app.asar holds only the bundles, the renderer build, package.json and production node_modules', unexpected.length === 0, unexpected.slice(0, 10).join(', '));
for (const required of ['/package.json', '/dist/main/main.js', '/dist/main/preload.cjs', '/dist/renderer/index.html', '/node_modules/electron-store/index.js']) {
  check(`app.asar has ${required}`, files.includes(required));
}
const modules = [...new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/').slice(2, f.split('/')[2].startsWith('@') ? 4 : 3).join('/')))].sort();
for (const bundled of ['react', 'react-dom', 'zod', 'scheduler']) check(`${bundled} is bundled, not shipped as a module`, !modules.includes(bundled));
check(`node_modules in app.asar: ${modules.length} (electron-store and its dependencies)`, modules.includes('electron-store'), modules.join(' '));
check('the tray icons are outside app.asar', existsSync(join(appDir, 'resources', 'assets', 'tray', 'linux', 'idle.png')));

if (failures.length) {
  process.stdout.write(`\n${failures.length} package check(s) failed\n`);
  process.exit(1);
}
process.stdout.write('\npackage checks passed\n');
