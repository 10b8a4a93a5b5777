// node --import ./register.mjs dist/main/main.js: every `import 'electron'` (main.js's and
// electron-store's) resolves to the recording stand-in next to this file.
import { register } from 'node:module';

register('./resolve-electron.mjs', import.meta.url);
