#!/usr/bin/env node
/**
 * `npm test`: every check CI runs, in order, stopping at the first failure with a summary.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  { name: 'typecheck (node)', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.node.json'] },
  { name: 'typecheck (web)', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.web.json'] },
  { name: 'lint', command: bin('eslint'), args: ['.', '--max-warnings=0'] },
  { name: 'format check', command: bin('prettier'), args: ['--check', '.'] },
  // Built before the tests so the CLI's `serve` test has a renderer to serve.
  { name: 'build (electron-vite)', command: bin('electron-vite'), args: ['build'] },
  { name: 'unit and integration tests', command: bin('vitest'), args: ['run'] },
  { name: 'agent tests (mix test)', command: 'mix', args: ['test'], cwd: join(root, 'agent') },
  {
    name: 'end-to-end (Playwright)',
    command: bin('playwright'),
    args: ['test'],
    // The build step ran before the unit tests.
    env: { MIXSCOPE_E2E_SKIP_BUILD: '1' },
  },
];

const results = [];
let failed = null;
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const started = Date.now();
  const result = spawnSync(step.command, step.args, {
    cwd: step.cwd ?? root,
    stdio: 'inherit',
    env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', ...step.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  results.push(`${ok ? '✓' : '✗'} ${step.name} (${seconds} s)`);
  if (!ok) {
    failed = { step, status: result.status, error: result.error };
    break;
  }
}

console.log('\n━━ summary ━━');
for (const line of results) console.log(line);
for (const step of steps.slice(results.length)) console.log(`- ${step.name} (not run)`);
if (failed) {
  const why = failed.error ? failed.error.message : `exit code ${failed.status}`;
  console.error(`\nFAILED at "${failed.step.name}": ${why}`);
  console.log(`checks: ${results.length - 1} passed, 1 failed`);
  process.exit(typeof failed.status === 'number' && failed.status > 0 ? failed.status : 1);
}
console.log('\nAll checks passed.');
console.log(`checks: ${results.length} passed, 0 failed`);
