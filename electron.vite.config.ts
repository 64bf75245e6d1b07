// Builds the three parts of the desktop app: main (ESM, deps external), the sandboxed preload
// (CommonJS, self-contained) and the renderer (root renderer/, served from app:// in production).
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * Dev server only: the CSP meta forbids inline scripts and styles, but React Fast Refresh injects
 * an inline preamble and Vite injects CSS as <style> elements. Serve the preamble as a module
 * instead, and allow inline styles (never inline scripts) while developing. Production builds are
 * untouched and run under the strict policy.
 */
function devServerCsp(): Plugin {
  return {
    name: 'corroborate:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html
          .replace(
            /<script type="module">\s*import \{ injectIntoGlobalHook \}[\s\S]*?<\/script>/,
            '<script type="module" src="/@id/__x00__@vitejs/plugin-react/preamble"></script>',
          )
          .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require nothing but `electron`: bundle everything else in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react(), devServerCsp()],
    // Loopback only: the dev server must never be reachable from the network.
    server: { host: '127.0.0.1' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      minify: true,
      rolldownOptions: {
        input: resolve(root, 'renderer/index.html'),
      },
    },
  },
});
