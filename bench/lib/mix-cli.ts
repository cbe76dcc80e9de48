/**
 * Mix as a developer runs it in a terminal: a fresh OS process per command, timed wall-clock.
 */
import { spawn } from 'node:child_process';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

/** One timed CLI run. */
export interface CliRun {
  ms: number;
  code: number | null;
  /** Files Mix said it compiled ("Compiling N files (.ex)"), summed over apps. */
  files: number;
  output: string;
}

/** Runs `mix ARGS` in `cwd` and times it from spawn to exit. */
export function timeMix(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('mix', [...args], { cwd, env: { ...process.env, MIX_ENV: 'dev' } });
    const chunks: string[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
    child.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const output = chunks.join('');
      resolve({ ms, code, files: compiledFiles(output), output });
    });
  });
}

/** Sums the "Compiling N files (.ex)" lines Mix prints. */
export function compiledFiles(output: string): number {
  let total = 0;
  for (const m of output.matchAll(/Compiling (\d+) files? \(\.ex\)/g)) total += Number(m[1]);
  return total;
}

/** The main app's Elixir compile manifest. */
export function elixirManifest(projectRoot: string, app: string): string {
  return join(projectRoot, '_build', 'dev', 'lib', app, '.mix', 'compile.elixir');
}

/**
 * Moves the manifest's mtime one second into the past so a source saved in the same second
 * as the last compile counts as newer (Mix 1.14 compares whole seconds first, then digests).
 * Without it a quick second edit is silently not compiled and the trial measures a no-op.
 */
export function rewindManifest(projectRoot: string, app: string): void {
  const manifest = elixirManifest(projectRoot, app);
  if (!existsSync(manifest)) return;
  const past = Math.floor(Date.now() / 1000) - 1;
  utimesSync(manifest, past, past);
}
