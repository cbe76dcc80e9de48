defmodule Mixscope.Agent.FunctionsTest do
  # Not async: compiling the bare fixture switches global compiler options for a moment.
  use ExUnit.Case, async: false

  alias Mixscope.Agent.Fixtures.{BareSample, FunctionsSample}
  alias Mixscope.Agent.Functions

  @fixtures Path.expand("../../fixtures", __DIR__)

  # The fixtures are compiled to .beam files on disk, as a project's modules are: modules
  # compiled in memory by ExUnit have no object code to read debug_info from.
  setup_all do
    out = Path.join(System.tmp_dir!(), "mixscope-functions-#{System.unique_integer([:positive])}")
    File.mkdir_p!(out)
    compile!([Path.join(@fixtures, "functions_sample.ex")], out)

    previous = Code.compiler_options()

    try do
      Code.compiler_options(debug_info: false, docs: false)
      compile!([Path.join(@fixtures, "bare_sample.ex")], out)
    after
      Code.compiler_options(debug_info: previous[:debug_info], docs: previous[:docs])
    end

    Code.prepend_path(out)

    on_exit(fn ->
      Code.delete_path(out)
      File.rm_rf!(out)
    end)

    :ok
  end

  defp compile!(files, out) do
    {:ok, _mods, _warnings} = Kernel.ParallelCompiler.compile_to_path(files, out)
  end

  defp by_name(functions), do: Map.new(functions, &{{&1.name, &1.arity}, &1})

  test "lists def, defp, defmacro and defmacrop with their definition lines, sorted" do
    functions = Functions.list(FunctionsSample)
    lines = Enum.map(functions, & &1.line)
    assert lines == Enum.sort(lines)

    source = File.read!(Path.join(@fixtures, "functions_sample.ex")) |> String.split("\n")

    line_of = fn prefix ->
      Enum.find_index(source, &String.starts_with?(String.trim_leading(&1), prefix)) + 1
    end

    f = by_name(functions)
    assert %{kind: "def", line: line} = f[{"add", 2}]
    assert line == line_of.("def add(")
    assert %{kind: "defp"} = f[{"helper", 0}]
    assert f[{"helper", 0}].line == line_of.("defp helper")
    assert %{kind: "defmacro"} = f[{"twice", 1}]
    assert f[{"twice", 1}].line == line_of.("defmacro twice")
    assert %{kind: "defmacrop"} = f[{"private_macro", 0}]
    assert %{kind: "def"} = f[{"with_default", 2}]
  end

  test "doc is the first paragraph of @doc, null without one" do
    f = by_name(Functions.list(FunctionsSample))
    assert f[{"add", 2}].doc == "Adds two numbers."
    assert f[{"twice", 1}].doc == "Twice."
    assert f[{"no_doc", 1}].doc == nil
    assert f[{"hidden", 0}].doc == nil
    assert f[{"helper", 0}].doc == nil
    # The arity that default arguments generate shares the doc.
    assert f[{"with_default", 1}].doc == "Pairs a value with options."
    assert f[{"with_default", 2}].doc == "Pairs a value with options."
  end

  test "spec as Elixir prints it, including macros and when clauses" do
    f = by_name(Functions.list(FunctionsSample))
    assert f[{"add", 2}].spec == "add(integer(), integer()) :: integer()"
    assert f[{"twice", 1}].spec == "twice(x) :: x when x: number()"
    assert f[{"with_default", 2}].spec == "with_default(term(), keyword()) :: term()"
    assert f[{"no_doc", 1}].spec == nil
  end

  test "a module without debug_info or docs lists its exports with null fields" do
    functions = Functions.list(BareSample)

    assert Enum.sort_by(functions, &{&1.name, &1.arity}) == [
             %{name: "calls_hidden", arity: 0, kind: "def", line: nil, doc: nil, spec: nil},
             %{name: "mac", arity: 1, kind: "defmacro", line: nil, doc: nil, spec: nil},
             %{name: "visible", arity: 1, kind: "def", line: nil, doc: nil, spec: nil}
           ]
  end

  test "an unknown module has no functions" do
    assert Functions.list(:"Elixir.Mixscope.NoSuchModule") == []
  end
end
