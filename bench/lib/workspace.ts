/**
 * Per size, three compiled copies of the generated project, one per contender (Mixscope's VM,
 * the warm IEx-style VM, the CLI), so one contender's compiles cannot do another's work or
 * leave it a stale manifest. Compiled once, then cached under `bench/.cache/work/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedProject } from '../generate/generate-project';

/** The three copies of one generated project. */
export interface Workspace {
  files: number;
  /** The generated project (never edited, never compiled by the bench). */
  source: string;
  mixscope: string;
  iex: string;
  cli: string;
  /** The Mix app name of the generated projects. */
  app: string;
  /** True when the copies were reused from an earlier run. */
  reused: boolean;
  /** Relative paths of the main project's sources. */
  sources: string[];
}

const WORK_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'work');
const STAMP = '.mixscope-bench-work.json';
const COPIES = ['mixscope', 'iex', 'cli'] as const;

/** Prepares (or reuses) the compiled copies for `files` source files and `seed`. */
export function prepareWorkspace(
  files: number,
  seed: number,
  log: (line: string) => void,
): Workspace {
  const project = cachedProject({ files, seed });
  const root = resolve(WORK_DIR, `${files}-${seed}`);
  const dirs = Object.fromEntries(COPIES.map((c) => [c, join(root, c)])) as Record<
    (typeof COPIES)[number],
    string
  >;
  const base = { files, source: project.dir, ...dirs, app: 'bench_app', sources: project.sources };
  if (
    readStamp(root) === project.hash &&
    COPIES.every((c) => existsSync(join(dirs[c], '_build')))
  ) {
    return { ...base, reused: true };
  }

  log(`preparing ${files}-file copies (one full compile, then copies)…`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  execFileSync('cp', ['-a', project.dir, dirs.cli]);
  const started = Date.now();
  execFileSync('mix', ['compile'], {
    cwd: dirs.cli,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, MIX_ENV: 'dev' },
  });
  log(`compiled ${files} files in ${Math.round((Date.now() - started) / 1000)} s`);
  // `cp -a` keeps mtimes, so each copy's manifest stays up to date with its sources.
  execFileSync('cp', ['-a', dirs.cli, dirs.iex]);
  execFileSync('cp', ['-a', dirs.cli, dirs.mixscope]);
  writeFileSync(join(root, STAMP), JSON.stringify({ hash: project.hash }) + '\n');
  return { ...base, reused: false };
}

/** Undoes edits an interrupted run left in any copy; returns how many files it restored. */
export function restoreAll(ws: Workspace): number {
  let restored = 0;
  for (const path of ws.sources) restored += restoreFile(ws, path);
  return restored;
}

/** Puts the generated content of `path` back into every copy (undoing a run's edits). */
export function restoreFile(ws: Workspace, path: string): number {
  const original = readFileSync(join(ws.source, path), 'utf8');
  let restored = 0;
  for (const c of COPIES) {
    const target = join(ws[c], path);
    if (readFileSync(target, 'utf8') !== original) {
      writeFileSync(target, original);
      restored++;
    }
  }
  return restored;
}

function readStamp(root: string): string | null {
  try {
    return (JSON.parse(readFileSync(join(root, STAMP), 'utf8')) as { hash?: string }).hash ?? null;
  } catch {
    return null;
  }
}
