import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer only. Relative base: the status window loads it from app://, the browser
// harness from its own origin.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
  },
});
