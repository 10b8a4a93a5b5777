#!/usr/bin/env node
// `npm start` (after the build): launches the built app with the Electron binary, or says in
// one sentence how to get the binary when it is missing.
import { spawn } from 'node:child_process';
import { ELECTRON_MISSING, electronBinary } from './electron-binary.mjs';

const binary = electronBinary();
if (!binary) {
  process.stderr.write(`${ELECTRON_MISSING}\n`);
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
