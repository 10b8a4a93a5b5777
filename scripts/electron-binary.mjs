// Finds the Electron binary without loading the `electron` package (since v42 loading it
// starts a download, which this network refuses).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const packageDir = join(process.cwd(), 'node_modules', 'electron');

export function electronBinary() {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export const ELECTRON_MISSING = [
  'The Electron binary is not installed (npm ci does not download it): on a machine that can reach GitHub, with Node 22.12 or later, run `node node_modules/electron/install.js` in this folder, then try again.',
  'To see the window now without Electron: `npm run dev:web` runs the same core in demo mode and opens the window in your browser.',
].join('\n');
