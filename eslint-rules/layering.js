/**
 * Folder layering, enforced (the idea of VS Code's code-layering rule): each folder of
 * src-main may import only from the folders listed for it, so the core never reaches for a
 * backend, a backend never for the runtime, and only the shell touches Electron. The renderer
 * imports contracts from core and settings, nothing that does I/O.
 */
import { dirname, relative, resolve, sep } from 'node:path';

/** Layer → the layers it may import from (itself always allowed). */
export const LAYERS = {
  'src-main/core': [],
  'src-main/backends': ['src-main/core'],
  'src-main/simulator': ['src-main/core'],
  'src-main/settings': ['src-main/core', 'src-main/backends'],
  'src-main/desktop': ['src-main/core', 'src-main/settings'],
  'src-main/runtime': ['src-main/core', 'src-main/backends', 'src-main/settings', 'src-main/simulator'],
  'src-main/cli': ['src-main/core', 'src-main/backends'],
  'src-main/relay': ['src-main/core', 'src-main/backends'],
  'src-main/web-harness': ['src-main/core', 'src-main/backends', 'src-main/settings', 'src-main/runtime', 'src-main/simulator'],
  'src-main/shell': ['src-main/core', 'src-main/settings', 'src-main/desktop', 'src-main/runtime'],
  'src-renderer': ['src-main/core', 'src-main/settings'],
};

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');

function layerOf(file) {
  const rel = relative(root, file).split(sep).join('/');
  return Object.keys(LAYERS).find((layer) => rel === layer || rel.startsWith(`${layer}/`)) ?? null;
}

export const layeringRule = {
  meta: { type: 'problem', docs: { description: 'imports follow the folder layering' }, schema: [] },
  create(context) {
    const from = layerOf(context.filename);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const to = layerOf(resolve(dirname(context.filename), source));
      if (!to || to === from || LAYERS[from].includes(to)) return;
      context.report({ node, message: `${from} may not import from ${to} (allowed: ${LAYERS[from].join(', ') || 'nothing outside itself'}); see the module map in README.md` });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
    };
  },
};

export default { rules: { layering: layeringRule } };
