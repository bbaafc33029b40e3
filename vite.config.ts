import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { docsPlugin } from './scripts/vite-docs.ts';
import { fileURLToPath } from 'node:url';

// duckdb-wasm's blocking browser build (DuckDB in the calling thread, for our own worker) is not
// in its package exports; see src/engine/duckdb-blocking.d.ts.
const DUCKDB_BLOCKING = '@duckdb/duckdb-wasm/dist/duckdb-browser-blocking.mjs';

// base './' makes dist/ work from any subpath (GitHub Pages project sites, /clients/acme/kohort/).
export default defineConfig({
  base: './',
  plugins: [
    svelte(),
    docsPlugin(),
    VitePWA({
      // Never reload on its own: a new version is offered, so a running analysis is never cut off.
      registerType: 'prompt',
      injectRegister: null,
      includeAssets: ['favicon.svg', 'icons/*.png', 'sample/*.csv'],
      manifest: {
        name: 'Kohort: retention analytics',
        short_name: 'Kohort',
        description: 'Cohort retention, churn and lifetime value from your CSV exports, computed on your own machine.',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f5f7fa',
        theme_color: '#1f5f8b',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The app shell (the DuckDB worker included), DuckDB's exception-handling build, the docs and
        // the sample data: enough to load and analyse new files offline after one visit. The larger
        // MVP build (only for browsers without wasm exceptions) is cached when first used.
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest,csv}', 'assets/duckdb-eh-*.wasm'],
        maximumFileSizeToCacheInBytes: 64 * 1024 * 1024,
        navigateFallback: 'index.html',
        runtimeCaching: [
          {
            urlPattern: ({ url }) => /duckdb-mvp/.test(url.pathname),
            handler: 'CacheFirst',
            options: { cacheName: 'kohort-duckdb-mvp' },
          },
        ],
      },
    }),
  ],
  resolve: {
    alias: [
      { find: DUCKDB_BLOCKING, replacement: fileURLToPath(new URL(`./node_modules/${DUCKDB_BLOCKING}`, import.meta.url)) },
      // Arrow's browser entry only adds DOM-stream adapters (unused: DuckDB runs blocking in its
      // worker) through side effects in a package marked side-effect free, which the bundler then
      // splits into a chunk of its own; a classic worker script must be one file.
      { find: /^apache-arrow$/, replacement: 'apache-arrow/Arrow' },
    ],
  },
  build: {
    target: 'es2022',
    // No lazy chunk needs its dependencies preloaded: no preload helper or polyfill.
    modulePreload: false,
    rolldownOptions: {
      output: {
        // V8's explicit compile hint: compile every function of the app's entry while the script
        // streams in, off the main thread. Compiled lazily, the first chart of each kind took two to
        // six times as long to draw as the next, mostly compiling ECharts, in the middle of a load.
        postBanner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''),
      },
    },
    chunkSizeWarningLimit: 1024,
    // Terser with three compress passes, free to write ES2020 (the build targets ES2022): about
    // 1.4 kB gzip less app JS than the default minifier. Its `unsafe` options are left off.
    minify: 'terser',
    terserOptions: { ecma: 2020, compress: { passes: 3 } },
  },
  // Classic workers: they start through a blob URL that importScripts them, which binds them to the page's CSP.
  worker: { format: 'iife' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
});
