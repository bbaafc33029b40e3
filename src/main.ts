import { mount } from 'svelte';
import App from './App.svelte';
import { Session } from './state/session.svelte';
import { createWasmConnector } from './engine/wasm';
import { SESSION_KEY } from './state/context';
import { settingsFromQuery } from './state/url';
import { Updates } from './state/updates.svelte';
import { warmUpCharts } from './components/chart-warm-up';
import './app.css';

const session = new Session(createWasmConnector, settingsFromQuery(location.search), true);
void session.restore();
// Start DuckDB and run a small load while the user picks a file: instantiating the wasm and
// compiling the code a load needs take a few seconds the first time (engine/warm-up.ts).
// Likewise the first chart drawn (components/chart-warm-up.ts).
const warm = () => {
  void session.warmUp();
  warmUpCharts();
};
if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 2000 });
else setTimeout(warm, 500);
const updates = new Updates();
updates.start();
mount(App, {
  target: document.getElementById('app') as HTMLElement,
  props: { updates },
  context: new Map([[SESSION_KEY, session]]),
});
// Test hook: e2e tests run SQL through the page's own engine to prove what the worker may reach.
if (new URLSearchParams(location.search).has('e2e')) {
  (window as unknown as { kohort: unknown }).kohort = { session, query: async (sql: string) => (await session.engine()).query(sql) };
}
