#!/usr/bin/env node
// Bundles the main process (ESM) and the preload (CommonJS: sandboxed preloads cannot be
// ES modules) into dist/. Electron and electron-store stay external; everything else is
// bundled so the packaged app needs no node_modules beyond them.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', external: ['electron', 'electron-store'] };

// CommonJS packages bundled into the ESM main (ws, for the site relay) require Node's built-ins:
// give the bundle a real `require`.
const requireInEsm = "import { createRequire as __rkCreateRequire } from 'node:module'; const require = __rkCreateRequire(import.meta.url);";
await build({ ...common, entryPoints: ['src-main/main.ts'], outfile: 'dist/main/main.js', format: 'esm', banner: { js: requireInEsm } });
await build({ ...common, entryPoints: ['src-main/preload.ts'], outfile: 'dist/main/preload.cjs', format: 'cjs' });
