// `npm test`: type check, unit tests (Node, the same DuckDB-WASM build as the page), the production
// build, then the end-to-end tests in Chromium. Ends with one plain line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';

mkdirSync('test-results', { recursive: true });
const steps = [
  ['svelte-check', ['--tsconfig', './tsconfig.json', '--fail-on-warnings']],
  ['vitest', ['run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']],
  ['vite', ['build']],
  ['vitest', ['run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile=test-results/e2e.json']],
];

let failedStep = null;
for (const [cmd, args] of steps) {
  const r = spawnSync('npx', ['--no-install', cmd, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    failedStep = `${cmd} ${args[0] ?? ''}`.trim();
    break;
  }
}

let passed = 0;
let failed = 0;
for (const f of ['test-results/unit.json', 'test-results/e2e.json']) {
  if (!existsSync(f)) continue;
  const j = JSON.parse(readFileSync(f, 'utf8'));
  passed += j.numPassedTests ?? 0;
  failed += j.numFailedTests ?? 0;
}
if (failedStep && failed === 0) failed = 1;
if (failedStep) console.log(`\nFailed at: ${failedStep}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
