// Builds the hub's dashboard into the hub's class path (hermes-hub/target/classes/dashboard); the
// hub serves it at /dashboard/. Run by the hub module's Maven build (generate-resources).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  logLevel: 'warn',
  cacheDir: fileURLToPath(new URL('../../../target/vite-cache', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../../../target/classes/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
