/**
 * Writes deterministic synthetic Mix projects for benchmarks and tests, with a cache.
 *
 * Usage: `tsx bench/generate/generate-project.ts --files 2000 [--seed 1] [--out DIR]
 * [--no-path-dep] [--compile]`. Without `--out` the project lands in `bench/.cache/projects/<files>-<seed>/`
 * and is reused when its stamp matches. Prints the project directory.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { GENERATOR_VERSION, renderProject, type RenderOptions } from './render-project';

/** Options of `generateProject`: the render options plus where to write. */
export interface GenerateOptions extends RenderOptions {
  /** Target directory; created when missing. Its `lib/` and `helpers/` are replaced. */
  dir: string;
}

/** What was generated and whether an identical copy was already on disk. */
export interface GeneratedProject {
  dir: string;
  files: number;
  seed: number;
  /** SHA-256 over every rendered path and content: equal hashes mean identical projects. */
  hash: string;
  /** True when the directory already held this exact project and nothing was written. */
  reused: boolean;
  /** Relative paths of the `.ex` files of the main project, sorted. */
  sources: string[];
}

/** The stamp file written into every generated project. */
export const STAMP_FILE = '.mixscope-generated.json';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where cached projects live: `bench/.cache/projects/`. */
export const PROJECT_CACHE_DIR = join(REPO_ROOT, 'bench', '.cache', 'projects');

/** Hashes a rendered project: the generator version, then each path and content in order. */
export function hashProject(rendered: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256');
  hash.update(`v${GENERATOR_VERSION}\0`);
  for (const path of [...rendered.keys()].sort()) {
    hash.update(path).update('\0').update(rendered.get(path)!).update('\0');
  }
  return hash.digest('hex');
}

/** Renders and writes a project into `dir`, skipping the write when the stamp already matches. */
export function generateProject(options: GenerateOptions): GeneratedProject {
  const rendered = renderProject(options);
  const hash = hashProject(rendered);
  const dir = resolve(options.dir);
  const sources = [...rendered.keys()].filter((p) => p.startsWith('lib/')).sort();
  const result = { dir, files: options.files, seed: options.seed, hash, sources };
  if (readStampHash(dir) === hash) return { ...result, reused: true };

  // Replace the sources wholesale so files of an older render cannot linger; `_build` stays,
  // Mix notices changed and removed sources on the next compile.
  rmSync(join(dir, 'lib'), { recursive: true, force: true });
  rmSync(join(dir, 'helpers'), { recursive: true, force: true });
  const made = new Set<string>();
  for (const [path, content] of rendered) {
    const target = join(dir, path);
    const parent = dirname(target);
    if (!made.has(parent)) {
      mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    writeFileSync(target, content);
  }
  const stamp = { version: GENERATOR_VERSION, files: options.files, seed: options.seed, hash };
  rmSync(join(dir, COMPILED_STAMP_FILE), { force: true });
  writeFileSync(join(dir, STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
  return { ...result, reused: false };
}

/** The cached project for a size and seed, generated on first use under `bench/.cache/projects/`. */
export function cachedProject(options: RenderOptions & { cacheDir?: string }): GeneratedProject {
  const cacheDir = options.cacheDir ?? PROJECT_CACHE_DIR;
  const suffix = options.pathDependency === false ? '-nodep' : '';
  const dir = join(cacheDir, `${options.files}-${options.seed}${suffix}`);
  return generateProject({ ...options, dir });
}

/** Written after a successful `mix compile` of a generated project: the hash it compiled. */
export const COMPILED_STAMP_FILE = '.mixscope-compiled.json';

/**
 * Runs `mix compile` in a generated project unless this exact render was compiled before.
 *
 * Returns how long the compile took (0 when skipped). Even a no-op `mix compile` costs seconds
 * at 10,000 files (it stats every source), hence the stamp.
 */
export function ensureCompiled(project: GeneratedProject): { ms: number; skipped: boolean } {
  if (readStampHash(project.dir, COMPILED_STAMP_FILE) === project.hash) {
    return { ms: 0, skipped: true };
  }
  const started = performance.now();
  execFileSync('mix', ['compile'], {
    cwd: project.dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, MIX_ENV: process.env.MIX_ENV ?? 'dev' },
  });
  const ms = Math.round(performance.now() - started);
  writeFileSync(
    join(project.dir, COMPILED_STAMP_FILE),
    JSON.stringify({ hash: project.hash, ms }, null, 2) + '\n',
  );
  return { ms, skipped: false };
}

function readStampHash(dir: string, file: string = STAMP_FILE): string | null {
  const path = join(dir, file);
  if (!existsSync(path)) return null;
  try {
    const stamp = JSON.parse(readFileSync(path, 'utf8')) as { hash?: unknown };
    return typeof stamp.hash === 'string' ? stamp.hash : null;
  } catch {
    return null;
  }
}

function parseCli(
  argv: readonly string[],
): RenderOptions & { out: string | null; compile: boolean } {
  let compile = false;
  let files = 200;
  let seed = 1;
  let out: string | null = null;
  let pathDependency = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '--files') files = Number(value());
    else if (arg === '--seed') seed = Number(value());
    else if (arg === '--out') out = value();
    else if (arg === '--no-path-dep') pathDependency = false;
    else if (arg === '--compile') compile = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return { files, seed, out, pathDependency, compile };
}

function main(): void {
  const { out, compile, ...options } = parseCli(process.argv.slice(2));
  const started = performance.now();
  const project = out ? generateProject({ ...options, dir: out }) : cachedProject(options);
  const ms = Math.round(performance.now() - started);
  const what = project.reused ? 'reused' : 'generated';
  console.error(`${what} ${project.files} files (seed ${project.seed}) in ${ms} ms`);
  if (compile) {
    const compiled = ensureCompiled(project);
    console.error(compiled.skipped ? 'already compiled' : `mix compile took ${compiled.ms} ms`);
  }
  console.log(project.dir);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
