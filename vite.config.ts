import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { docsPlugin } from './scripts/vite-docs.ts';

// base './' makes dist/ work from any subpath (GitHub Pages project sites, /clients/acme/kohort/).
export default defineConfig({
  base: './',
  plugins: [svelte(), docsPlugin()],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1024,
  },
  // Classic workers: they start through a blob URL that importScripts them, which binds them to the page's CSP.
  worker: { format: 'iife' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
});
