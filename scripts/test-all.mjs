#!/usr/bin/env node
/**
 * `npm test`: every check CI runs, in order. A failing step does not stop the later ones, so
 * one run shows everything that is wrong; the summary at the end names each failed step and,
 * for the vitest and Playwright steps, each failed test (CI logs are often read from the tail).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'mixscope-test-all-'));
const vitestJson = join(reports, 'vitest.json');
const playwrightJson = join(reports, 'playwright.json');
/** Tests that failed, then passed on their retry: listed in the summary even when all passed. */
const flaky = [];

/** First line of a failure message, without colour codes. */
function firstLine(text) {
  // eslint-disable-next-line no-control-regex
  const plain = String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  return plain.split('\n').find((line) => line.trim() !== '') ?? '';
}

/** Failed tests from vitest's JSON report. */
function vitestFailures() {
  if (!existsSync(vitestJson)) return [];
  const report = JSON.parse(readFileSync(vitestJson, 'utf8'));
  const failed = [];
  for (const file of report.testResults ?? []) {
    const name = relative(root, file.name);
    // A test that passed with failure messages passed on a retry (CI retries once).
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed' && t.failureMessages?.length > 0) {
        flaky.push(`${name} > ${t.fullName}: ${firstLine(t.failureMessages[0])}`);
      }
    }
    const tests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of tests) {
      let why = firstLine(t.failureMessages?.[0]);
      // vitest's JSON has no message for a test that ran out of time, only a placeholder.
      if (why.includes('STACK_TRACE_ERROR'))
        why = `timed out after ${Math.round(t.duration ?? 0)} ms`;
      failed.push(`${name} > ${t.fullName}: ${why}`);
    }
    // A file that failed to load has no failed test, only its own message.
    if (tests.length === 0 && file.status === 'failed')
      failed.push(`${name}: ${firstLine(file.message)}`);
  }
  return failed;
}

/** Failed tests from Playwright's JSON report. */
function playwrightFailures() {
  if (!existsSync(playwrightJson)) return [];
  const report = JSON.parse(readFileSync(playwrightJson, 'utf8'));
  const failed = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'unexpected' && test.status !== 'flaky') continue;
        const title = `[${test.projectName}] ${[...path, spec.title].join(' › ')}`;
        if (test.status === 'flaky') {
          flaky.push(`${title}: ${firstLine(test.results?.[0]?.error?.message)}`);
          continue;
        }
        const last = test.results?.[test.results.length - 1];
        failed.push(`${title}: ${firstLine(last?.error?.message)}`);
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...path, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  for (const error of report.errors ?? []) failed.push(`(setup) ${firstLine(error.message)}`);
  return failed;
}

const steps = [
  { name: 'typecheck (node)', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.node.json'] },
  { name: 'typecheck (web)', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.web.json'] },
  { name: 'lint', command: bin('eslint'), args: ['.', '--max-warnings=0'] },
  { name: 'format check', command: bin('prettier'), args: ['--check', '.'] },
  // Built before the tests so the CLI's `serve` test has a renderer to serve.
  { name: 'build (electron-vite)', command: bin('electron-vite'), args: ['build'] },
  {
    name: 'unit and integration tests',
    command: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
    failures: vitestFailures,
  },
  { name: 'agent tests (mix test)', command: 'mix', args: ['test'], cwd: join(root, 'agent') },
  {
    name: 'end-to-end (Playwright)',
    command: bin('playwright'),
    args: ['test', '--reporter=list,json'],
    // The build step ran before the unit tests.
    env: { MIXSCOPE_E2E_SKIP_BUILD: '1', PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson },
    failures: playwrightFailures,
  },
];

const results = [];
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
  let failures = [];
  // Read on success too: the report is where retried tests show.
  if (step.failures) {
    try {
      failures = step.failures();
    } catch (error) {
      failures = [`(could not read the test report: ${error.message})`];
    }
  }
  const why = ok ? '' : result.error ? result.error.message : `exit code ${result.status}`;
  results.push({ step, ok, seconds, why, failures });
}
rmSync(reports, { recursive: true, force: true });

console.log('\n━━ summary ━━');
for (const r of results) {
  console.log(`${r.ok ? '✓' : '✗'} ${r.step.name} (${r.seconds} s)${r.ok ? '' : `: ${r.why}`}`);
  for (const failure of r.failures) console.log(`    ✗ ${failure}`);
}
if (flaky.length > 0) {
  console.log(`passed only on a retry (${flaky.length}):`);
  for (const test of flaky) console.log(`    ~ ${test}`);
}
const failed = results.filter((r) => !r.ok);
console.log(`checks: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);
