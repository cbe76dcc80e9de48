#!/usr/bin/env node
/**
 * `npm start [-- PROJECT]`: builds, then opens PROJECT (default: the bundled demo) in the
 * Electron app, or, where Electron's binary cannot run, in the headless mode (a URL to open
 * in a browser).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from './electron-binary.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (name) => join(root, 'node_modules', '.bin', name);

const project = process.argv[2] ? resolve(process.argv[2]) : null;
if (project && !existsSync(join(project, 'mix.exs'))) {
  console.error(`mixscope: ${project} is not a Mix project (no mix.exs)`);
  process.exit(2);
}

console.log('Building (electron-vite build)…');
const build = spawnSync(bin('electron-vite'), ['build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('mixscope: the build failed; see the output above');
  process.exit(build.status ?? 1);
}

/** Runs a child with our stdio until it exits, forwarding Ctrl-C so it can stop its VM. */
function run(command, args, env = process.env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const electron = findElectronBinary();
if (electron.path) {
  run(electron.path, ['.', ...(project ? [project] : [])]);
} else {
  console.log(`\nThe desktop app cannot start: ${electron.reason}.`);
  console.log('Starting the headless mode instead: open the URL below in a browser.\n');
  run(process.execPath, [
    '--import',
    'tsx',
    join(root, 'scripts', 'serve.ts'),
    ...(project ? [project] : []),
  ]);
}
