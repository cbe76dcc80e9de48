/**
 * Runs the real `mix xref graph` many times in one Mix VM, for parity tests.
 *
 * Each `mix xref graph` CLI call costs a VM boot; here one `mix run` script runs every query in
 * turn (the xref task re-enables itself) and prints each answer between markers, including the
 * `xref_graph.dot` it wrote and any `Mix.Error` it raised. Projects are copied to a temporary
 * folder first because xref writes `xref_graph.dot` into the project.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** One `mix xref graph` answer. */
export interface XrefAnswer {
  args: string[];
  /** What Mix printed on stdout (for `--format dot`, the file's content instead). */
  output: string;
  /** The `Mix.Error` message when Mix raised (unknown file, `--fail-above`), else null. */
  error: string | null;
}

const SCRIPT = `
queries = File.read!(System.fetch_env!("XREF_QUERIES")) |> String.split("\\n", trim: true)

for {line, n} <- Enum.with_index(queries) do
  args = if line == "-", do: [], else: String.split(line, "\\t")
  File.rm("xref_graph.dot")
  IO.puts("<<<BEGIN #{n}>>>")

  try do
    Mix.Task.run("xref", ["graph" | args])
    if "dot" in args, do: IO.puts("<<<DOT>>>" <> File.read!("xref_graph.dot"))
  rescue
    error in Mix.Error -> IO.puts("<<<ERROR>>>" <> error.message)
  end

  IO.puts("<<<END #{n}>>>")
end
`;

/** A compiled copy of a Mix project in a temporary folder. */
export interface XrefProject {
  dir: string;
  /** Runs each argument list as `mix xref graph ARGS` and returns the answers in order. */
  run(queries: readonly (readonly string[])[]): XrefAnswer[];
  /** Deletes the copy. */
  remove(): void;
}

/**
 * Copies `projectDir` (and, when given, sibling folders it references by relative path, such as
 * a `../helpers` path dependency) to a temporary folder and compiles it.
 */
export function prepareXrefProject(
  projectDir: string,
  siblings: readonly string[] = [],
): XrefProject {
  const root = mkdtempSync(join(tmpdir(), 'mixscope-xref-'));
  const skip = (src: string): boolean => !/[/\\](_build|deps)$/.test(src);
  const dir = join(root, basename(projectDir));
  cpSync(projectDir, dir, { recursive: true, filter: skip });
  for (const sibling of siblings) {
    cpSync(sibling, join(root, basename(sibling)), { recursive: true, filter: skip });
  }
  execFileSync('mix', ['compile'], { cwd: dir, stdio: 'pipe', env: mixEnv() });
  return {
    dir,
    run: (queries) => runQueries(dir, queries),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

function mixEnv(): NodeJS.ProcessEnv {
  return { ...process.env, MIX_ENV: 'dev' };
}

function runQueries(dir: string, queries: readonly (readonly string[])[]): XrefAnswer[] {
  const queryFile = join(dir, '.xref-queries');
  const scriptFile = join(dir, '.xref-script.exs');
  writeFileSync(queryFile, queries.map((q) => (q.length === 0 ? '-' : q.join('\t'))).join('\n'));
  writeFileSync(scriptFile, SCRIPT);
  const stdout = execFileSync('mix', ['run', '--no-start', scriptFile], {
    cwd: dir,
    env: { ...mixEnv(), XREF_QUERIES: queryFile },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return queries.map((args, n) => {
    const begin = stdout.indexOf(`<<<BEGIN ${n}>>>\n`);
    const end = stdout.indexOf(`<<<END ${n}>>>\n`, begin);
    if (begin < 0 || end < 0) throw new Error(`no answer for xref query ${n}: ${args.join(' ')}`);
    let body = stdout.slice(begin + `<<<BEGIN ${n}>>>\n`.length, end);
    let error: string | null = null;
    const errorAt = body.indexOf('<<<ERROR>>>');
    if (errorAt >= 0) {
      error = body.slice(errorAt + '<<<ERROR>>>'.length).trimEnd();
      body = body.slice(0, errorAt);
    }
    const dotAt = body.indexOf('<<<DOT>>>');
    // The dot file ends with "}\n" and IO.puts adds one more newline.
    if (dotAt >= 0) body = body.slice(dotAt + '<<<DOT>>>'.length).replace(/\n$/, '');
    return { args: [...args], output: body, error };
  });
}

/** Reads a file of the project copy (for debugging a failed comparison). */
export function readProjectFile(project: XrefProject, path: string): string {
  return readFileSync(join(project.dir, path), 'utf8');
}
