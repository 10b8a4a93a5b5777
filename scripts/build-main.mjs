#!/usr/bin/env node
// Bundles the main process (ESM) and the preload (CommonJS: sandboxed preloads cannot be
// ES modules) into dist/. Electron and electron-store stay external; everything else is
// bundled so the packaged app needs no node_modules beyond them.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node22', sourcemap: true, logLevel: 'warning', external: ['electron', 'electron-store'] };

await build({ ...common, entryPoints: ['src-main/main.ts'], outfile: 'dist/main/main.js', format: 'esm' });
await build({ ...common, entryPoints: ['src-main/preload.ts'], outfile: 'dist/main/preload.cjs', format: 'cjs' });
