/**
 * Renders a synthetic Mix project in memory: file path → content, deterministic for a seed.
 *
 * The shape mimics a real application at scale: modules spread over namespace folders, mostly
 * runtime calls, some structs used by others (export edges), a few macro modules `use`d by many
 * files (compile edges, each macro module calling a helper so those edges are compile-connected),
 * a few module-body calls (compile edges onto ordinary modules), some runtime cycles and an
 * optional path dependency. Compile and export edges always point from a later module to an
 * earlier one so the parallel compiler can never deadlock on them; only runtime edges close cycles.
 */

/** What to generate. */
export interface RenderOptions {
  /** Number of `.ex` files under `lib/` (at least 20). */
  files: number;
  /** PRNG seed; the same seed and size always render the same project. */
  seed: number;
  /** Add a path dependency (`helpers/`, app `:bench_helpers`) that some modules call. */
  pathDependency?: boolean;
}

/** Bumped whenever the rendered output changes, so cached projects are regenerated. */
export const GENERATOR_VERSION = 2;

/** A small, fast, seedable PRNG (mulberry32); Math.random cannot be seeded. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModuleSpec {
  name: string;
  path: string;
  index: number;
  ns: number;
  struct: boolean;
  calls: number[];
  backCalls: number[];
  structUse: number | null;
  macro: number | null;
  bodyCall: number | null;
  helperCall: boolean;
}

const APP_MODULE = 'BenchApp';

/** Renders every file of the project, keyed by path relative to the project root. */
export function renderProject(options: RenderOptions): Map<string, string> {
  const { files, seed } = options;
  if (!Number.isInteger(files) || files < 20) throw new Error('files must be an integer ≥ 20');
  const pathDependency = options.pathDependency ?? true;
  const random = createRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);

  const macroCount = Math.min(8, Math.max(2, Math.round(files / 250)));
  const regularCount = files - 1 - 2 * macroCount;
  const nsCount = Math.max(2, Math.round(regularCount / 50));
  const out = new Map<string, string>();

  // Zero-padded numbers make Mix's (sorted) file order follow the dependency order, as most
  // dependencies point to earlier modules: far fewer compiler processes wait on a module that
  // was not compiled yet, which otherwise makes a 10,000-file cold compile superlinear.
  const nsWidth = String(nsCount - 1).length;
  const modWidth = String(regularCount - 1).length;
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  const modules: ModuleSpec[] = [];
  const nsStart: number[] = [];
  for (let i = 0; i < regularCount; i++) {
    const ns = Math.floor((i * nsCount) / regularCount);
    if (nsStart[ns] === undefined) nsStart[ns] = i;
    const nsName = pad(ns, nsWidth);
    const modName = pad(i, modWidth);
    modules.push({
      name: `${APP_MODULE}.Ns${nsName}.Mod${modName}`,
      path: `lib/bench_app/ns${nsName}/mod${modName}.ex`,
      index: i,
      ns,
      struct: random() < 0.12,
      calls: [],
      backCalls: [],
      structUse: null,
      macro: null,
      bodyCall: null,
      helperCall: false,
    });
  }

  const structs: number[] = [];
  for (const mod of modules) {
    const i = mod.index;
    if (i > 0) {
      const start = nsStart[mod.ns] ?? 0;
      const wanted = 1 + pick(3);
      for (let k = 0; k < wanted; k++) {
        // Most calls stay inside the namespace, as contexts in a real app do.
        const sameNs = random() < 0.7 && i > start;
        const target = sameNs ? start + pick(i - start) : pick(i);
        if (!mod.calls.includes(target)) mod.calls.push(target);
      }
      if (structs.length > 0 && random() < 0.25) mod.structUse = structs[pick(structs.length)]!;
      if (random() < 0.02) mod.bodyCall = pick(i);
    }
    // Macro users skew towards the first macro modules: a few are used everywhere.
    if (random() < 0.15)
      mod.macro = Math.min(macroCount - 1, Math.floor(random() * random() * macroCount));
    if (pathDependency && random() < 0.05) mod.helperCall = true;
    if (mod.struct) structs.push(i);
  }

  // Runtime back edges close small cycles: j already gets called by i, now j calls i too.
  const cycles = Math.max(2, Math.round(files / 250));
  for (let made = 0, tries = 0; made < cycles && tries < cycles * 20; tries++) {
    const caller = modules[pick(modules.length)]!;
    const callee = caller.calls[caller.calls.length - 1];
    if (callee === undefined) continue;
    const back = modules[callee]!;
    if (back.backCalls.includes(caller.index)) continue;
    back.backCalls.push(caller.index);
    made++;
  }

  const last = modules[modules.length - 1]!;
  out.set(
    'lib/bench_app.ex',
    moduleText(APP_MODULE, [
      `  @doc "How many source files the project has."`,
      `  def file_count, do: ${files}`,
      '',
      `  @doc "Runs the last module's chain of calls."`,
      `  def start(x), do: ${last.name}.run(x)`,
    ]),
  );

  for (let k = 0; k < macroCount; k++) {
    const helper = `${APP_MODULE}.Support.Helper${k}`;
    out.set(
      `lib/bench_app/support/helper${k}.ex`,
      moduleText(helper, [
        `  @doc "Tags a module with this helper's number."`,
        `  def tag(mod), do: {:tag, ${k}, mod}`,
      ]),
    );
    out.set(
      `lib/bench_app/macros/macro${k}.ex`,
      moduleText(`${APP_MODULE}.Macros.Macro${k}`, [
        '  @doc false',
        '  defmacro __using__(_opts) do',
        '    quote do',
        `      @doc "This module's tag from macro ${k}."`,
        `      def macro${k}_tag, do: ${helper}.tag(__MODULE__)`,
        '    end',
        '  end',
        '',
        `  @doc "Doubles a value at the call site."`,
        '  defmacro double(x) do',
        '    quote do: unquote(x) * 2',
        '  end',
        '',
        `  @doc "This macro module's own tag."`,
        `  def describe, do: ${helper}.tag(__MODULE__)`,
      ]),
    );
  }

  for (const mod of modules) out.set(mod.path, renderModule(mod, modules));

  out.set('mix.exs', mixExs(pathDependency));
  out.set(
    '.formatter.exs',
    '[\n  inputs: ["{mix,.formatter}.exs", "{config,lib,test}/**/*.{ex,exs}"]\n]\n',
  );
  out.set('.gitignore', '/_build/\n/deps/\nxref_graph.dot\n');
  if (pathDependency) {
    out.set('helpers/mix.exs', helpersMixExs());
    out.set(
      'helpers/lib/bench_helpers/calc.ex',
      moduleText('BenchHelpers.Calc', ['  @doc "Twice the value."', '  def twice(x), do: x * 2']),
    );
  }
  return out;
}

function renderModule(mod: ModuleSpec, modules: readonly ModuleSpec[]): string {
  const nameOf = (i: number): string => modules[i]!.name;
  const lines: string[] = [];
  if (mod.macro !== null) lines.push(`  use ${APP_MODULE}.Macros.Macro${mod.macro}`, '');
  if (mod.struct) lines.push('  defstruct id: nil, value: 0', '');
  if (mod.bodyCall !== null) lines.push(`  @seed ${nameOf(mod.bodyCall)}.value(1)`, '');
  lines.push(
    `  @doc "Shifts a value by this module's index."`,
    `  def value(x), do: x + ${mod.index}`,
    '',
  );
  lines.push('  @doc "Runs this module\'s calls in turn."', '  def run(x) do');
  for (const target of mod.calls) lines.push(`    x = ${nameOf(target)}.value(x)`);
  if (mod.helperCall) lines.push('    x = BenchHelpers.Calc.twice(x)');
  lines.push('    x', '  end');
  if (mod.bodyCall !== null) lines.push('', '  @doc false', '  def seed, do: @seed');
  if (mod.structUse !== null) {
    lines.push('', '  @doc false', `  def touch(%${nameOf(mod.structUse)}{value: v}), do: v`);
  }
  if (mod.macro !== null && mod.index % 3 === 0) {
    lines.push(
      '',
      '  @doc false',
      `  def doubled(x), do: ${APP_MODULE}.Macros.Macro${mod.macro}.double(x)`,
    );
  }
  mod.backCalls.forEach((target, n) => {
    lines.push('', '  @doc false', `  def back${n}(x), do: ${nameOf(target)}.value(x)`);
  });
  return moduleText(mod.name, lines);
}

function moduleText(name: string, body: readonly string[]): string {
  return [`defmodule ${name} do`, '  @moduledoc false', '', ...body, 'end', ''].join('\n');
}

function mixExs(pathDependency: boolean): string {
  const deps = pathDependency ? '[{:bench_helpers, path: "helpers"}]' : '[]';
  return `defmodule BenchApp.MixProject do
  use Mix.Project

  def project do
    [app: :bench_app, version: "0.1.0", elixir: "~> 1.14", deps: ${deps}]
  end

  def application do
    [extra_applications: [:logger]]
  end
end
`;
}

function helpersMixExs(): string {
  return `defmodule BenchHelpers.MixProject do
  use Mix.Project

  def project do
    [app: :bench_helpers, version: "0.1.0", elixir: "~> 1.14", deps: []]
  end
end
`;
}
