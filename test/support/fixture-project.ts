/**
 * A small real Mix project written into a temporary folder for integration tests: a main app
 * with a leaf module, a macro module and its compile-time dependents, a struct, and a path
 * dependency whose module the main app uses at compile time and at runtime.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A generated fixture: its folders and helpers to read and remove it. */
export interface FixtureProject {
  /** The temporary folder holding both projects (and nothing else). */
  base: string;
  /** The main project (`mix.exs` of app `:fixture`). */
  root: string;
  /** The path dependency (`:fixture_helpers`). */
  depRoot: string;
  /** Reads a file of the main project. */
  read(relativePath: string): string;
  /** Removes everything. */
  remove(): void;
}

/** Source of the leaf module at version `n`: one function `version/0` answering `n`. */
export function leafSource(n: number): string {
  return `defmodule Fixture.Leaf do
  @moduledoc "A module nothing depends on at compile time."

  @doc "Which edit of this file is loaded."
  def version, do: ${n}
${n > 1 ? `\n  @doc "Added by edit ${n}."\n  def added_in_${n}(x), do: x + ${n}\n` : ''}end
`;
}

/**
 * Source of a probe module that calls `Fixture.Leaf.version/0` while it compiles, inside the VM,
 * and defines `saw_version_N/0` after the answer: reloading it shows which leaf code runs.
 * `nonce` makes each save differ so the agent compiles it again.
 */
export function probeSource(nonce: number): string {
  return `defmodule Fixture.Probe do
  @moduledoc "Probe ${nonce}: asks the loaded leaf for its version at compile time."

  # A dynamic call, so the probe gains no compile-time dependency on the leaf.
  leaf = Module.concat(["Fixture", "Leaf"])
  seen = leaf.version()

  def seen, do: unquote(seen)
  def unquote(:"saw_version_#{seen}")(), do: true
end
`;
}

const mainFiles: Record<string, string> = {
  'mix.exs': `defmodule Fixture.MixProject do
  use Mix.Project

  def project do
    [app: :fixture, version: "0.1.0", elixir: "~> 1.14", deps: deps()]
  end

  def application, do: [extra_applications: [:logger]]

  defp deps, do: [{:fixture_helpers, path: "../fixture_helpers"}]
end
`,
  '.formatter.exs': `[inputs: ["{mix,.formatter}.exs", "{lib,test}/**/*.{ex,exs}"]]\n`,
  'lib/fixture/leaf.ex': leafSource(1),
  'lib/fixture/probe.ex': probeSource(0),
  'lib/fixture/macros.ex': `defmodule Fixture.Macros do
  @moduledoc "Macros expanded into other modules at compile time."

  @doc "Doubles at compile time."
  defmacro double(x), do: quote(do: unquote(x) * 2)
end
`,
  'lib/fixture/uses_macro_a.ex': `defmodule Fixture.UsesMacroA do
  @moduledoc false
  require Fixture.Macros

  def four, do: Fixture.Macros.double(2)
end
`,
  'lib/fixture/uses_macro_b.ex': `defmodule Fixture.UsesMacroB do
  @moduledoc false
  require Fixture.Macros

  def six, do: Fixture.Macros.double(3)
end
`,
  'lib/fixture/point.ex': `defmodule Fixture.Point do
  @moduledoc "A struct."
  defstruct x: 0, y: 0
end
`,
  'lib/fixture/caller.ex': `defmodule Fixture.Caller do
  @moduledoc "Calls the leaf at runtime only."

  def call_leaf, do: Fixture.Leaf.version()
  def origin, do: %Fixture.Point{}
end
`,
  'lib/fixture/uses_helper.ex': `defmodule Fixture.UsesHelper do
  @moduledoc "Uses the path dependency at compile time and at runtime."
  require FixtureHelpers.Text

  def greeting, do: FixtureHelpers.Text.shout("hi")
  def tag, do: FixtureHelpers.Text.tag()
end
`,
};

const depFiles: Record<string, string> = {
  'mix.exs': `defmodule FixtureHelpers.MixProject do
  use Mix.Project

  def project, do: [app: :fixture_helpers, version: "0.1.0", elixir: "~> 1.14", deps: []]

  def application, do: [extra_applications: [:logger]]
end
`,
  'lib/fixture_helpers/text.ex': `defmodule FixtureHelpers.Text do
  @moduledoc "Text helpers of the path dependency."

  @doc "Upcases."
  def shout(text), do: String.upcase(text)

  @doc "Expands to a constant at compile time."
  defmacro tag, do: "v1"
end
`,
};

function writeTree(root: string, files: Record<string, string>): void {
  for (const [relative, content] of Object.entries(files)) {
    const path = join(root, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/** Writes a fresh fixture into a new temporary folder. */
export function createFixtureProject(prefix = 'mixscope-fixture-'): FixtureProject {
  const base = mkdtempSync(join(tmpdir(), prefix));
  const root = join(base, 'fixture');
  const depRoot = join(base, 'fixture_helpers');
  writeTree(root, mainFiles);
  writeTree(depRoot, depFiles);
  return {
    base,
    root,
    depRoot,
    read: (relativePath) => readFileSync(join(root, relativePath), 'utf8'),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
}
