defmodule Mixscope.Agent.Test.FixtureProject do
  @moduledoc false

  # Generates a small real Mix project in a temporary folder, beside a path dependency, and
  # compiles both with the `mix` command line. Module and app names carry a unique suffix so
  # fixtures never collide inside the one test VM.
  #
  #   main/lib/leaf.ex         Leaf: no dependencies
  #   main/lib/caller.ex       Caller: calls Leaf at runtime
  #   main/lib/macros.ex       Macros: a macro used at compile time by UsesMacro
  #   main/lib/uses_macro.ex
  #   main/lib/point.ex        Point: a struct used by UsesStruct (export edge)
  #   main/lib/uses_struct.ex
  #   main/lib/cycle_a.ex      CycleA <-> CycleB (runtime cycle)
  #   main/lib/cycle_b.ex
  #   main/lib/pair.ex         PairOne and PairTwo: two modules in one file
  #   main/lib/uses_dep.ex     UsesDep: reads Dep.Helper at compile time
  #   dep/lib/helper.ex        Dep.Helper, in the path dependency

  @type t :: %{
          base: String.t(),
          root: String.t(),
          dep_root: String.t(),
          app: atom(),
          dep_app: atom(),
          prefix: String.t()
        }

  @doc "Creates and compiles a fixture; `MIX_ENV` matches the test VM's."
  @spec create() :: t()
  def create do
    n = System.unique_integer([:positive])
    base = Path.join(System.tmp_dir!(), "mixscope-pipeline-#{n}")
    prefix = "Fx#{n}"
    app = :"fx#{n}"
    dep_app = :"fx#{n}_dep"
    root = Path.join(base, "main")
    dep_root = Path.join(base, "dep")

    fixture = %{
      base: base,
      root: root,
      dep_root: dep_root,
      app: app,
      dep_app: dep_app,
      prefix: prefix
    }

    write_projects(fixture)
    {out, status} = mix(fixture, ["compile"])
    if status != 0, do: File.rm_rf!(base) && raise("fixture did not compile:\n#{out}")
    fixture
  end

  @doc """
  Creates and compiles an umbrella project: `apps/<prefix>_base` (Base, with `value/0`) and
  `apps/<prefix>_user`,
  whose `User.value/0` is computed from `Base.value/0` at compile time.
  """
  @spec create_umbrella() :: t()
  def create_umbrella do
    n = System.unique_integer([:positive])
    base = Path.join(System.tmp_dir!(), "mixscope-umbrella-#{n}")
    prefix = "Um#{n}"
    app = :"um#{n}_base"
    user_app = :"um#{n}_user"

    fixture = %{
      base: base,
      root: base,
      dep_root: Path.join(base, "apps/#{app}"),
      app: :"um#{n}",
      dep_app: app,
      user_app: user_app,
      prefix: prefix
    }

    write(base, "mix.exs", """
    defmodule #{prefix}.Umbrella.MixProject do
      use Mix.Project
      def project, do: [apps_path: "apps", version: "0.1.0", deps: []]
    end
    """)

    write(base, "apps/#{app}/mix.exs", """
    defmodule #{prefix}.Base.MixProject do
      use Mix.Project
      def project, do: [app: #{inspect(app)}, version: "0.1.0", build_path: "../../_build", deps_path: "../../deps", lockfile: "../../mix.lock"]
    end
    """)

    write(base, "apps/#{app}/lib/base.ex", base_source(fixture, 1))

    write(base, "apps/#{user_app}/mix.exs", """
    defmodule #{prefix}.User.MixProject do
      use Mix.Project
      def project, do: [app: #{inspect(user_app)}, version: "0.1.0", build_path: "../../_build", deps_path: "../../deps", lockfile: "../../mix.lock", deps: [{#{inspect(app)}, in_umbrella: true}]]
    end
    """)

    write(base, "apps/#{user_app}/lib/user.ex", """
    defmodule #{prefix}.User do
      @value #{prefix}.Base.value()
      def value, do: @value
    end
    """)

    {out, status} = mix(fixture, ["compile"])
    if status != 0, do: File.rm_rf!(base) && raise("umbrella fixture did not compile:\n#{out}")
    fixture
  end

  @doc "The source of the umbrella's `Base` module returning `value`."
  @spec base_source(t(), term()) :: String.t()
  def base_source(fixture, value) do
    """
    defmodule #{fixture.prefix}.Base do
      def value, do: #{inspect(value)}
    end
    """
  end

  @doc "Runs `mix` in the fixture's main project with the test VM's `MIX_ENV`."
  @spec mix(t(), [String.t()]) :: {String.t(), non_neg_integer()}
  def mix(fixture, args) do
    System.cmd("mix", args,
      cd: fixture.root,
      env: [{"MIX_ENV", Atom.to_string(Mix.env())}],
      stderr_to_stdout: true
    )
  end

  @doc "The module `name` of the fixture (`Leaf` -> `Fx123.Leaf`)."
  @spec mod(t(), String.t()) :: module()
  def mod(fixture, name), do: Module.concat(fixture.prefix, name)

  @doc "Runs `fun` with the fixture as the current Mix project and its ebins on the code path."
  @spec in_project(t(), (() -> result)) :: result when result: term()
  def in_project(fixture, fun) do
    # The fixture must be the bottom of Mix's project stack, as the user's project is in the
    # agent's VM: Mix resolves dependencies of a nested project through the bottom one's.
    agent = Mix.ProjectStack.pop()

    try do
      Mix.Project.in_project(fixture.app, fixture.root, fn _module ->
        build = Mix.Project.build_path()

        for app <- [fixture.app, fixture.dep_app, Map.get(fixture, :user_app)], app do
          Code.prepend_path(Path.join([build, "lib", Atom.to_string(app), "ebin"]))
        end

        fun.()
      end)
    after
      if agent, do: Mix.ProjectStack.push(agent.name, agent.config, agent.file)
    end
  end

  @doc "Deletes the fixture's folder and unloads its modules."
  @spec destroy(t()) :: :ok
  def destroy(fixture) do
    for {module, _} <- :code.all_loaded(),
        String.starts_with?(Atom.to_string(module), "Elixir.#{fixture.prefix}.") do
      :code.purge(module)
      :code.delete(module)
      :code.purge(module)
    end

    File.rm_rf!(fixture.base)
    :ok
  end

  @doc "The source text of a fixture module file, formatted as `mix format` leaves it."
  @spec leaf_source(t(), term()) :: String.t()
  def leaf_source(fixture, value) do
    """
    defmodule #{fixture.prefix}.Leaf do
      def value, do: #{inspect(value)}
    end
    """
  end

  @doc "The source of the macro module whose `double/1` multiplies by `factor`."
  @spec macros_source(t(), integer()) :: String.t()
  def macros_source(fixture, factor) do
    """
    defmodule #{fixture.prefix}.Macros do
      defmacro double(x) do
        quote do
          unquote(x) * #{factor}
        end
      end
    end
    """
  end

  @doc "The source of the path dependency's helper returning `value`."
  @spec helper_source(t(), term()) :: String.t()
  def helper_source(fixture, value) do
    """
    defmodule #{fixture.prefix}.Dep.Helper do
      def value, do: #{inspect(value)}
    end
    """
  end

  defp write_projects(%{prefix: p} = fixture) do
    write(fixture.root, "mix.exs", """
    defmodule #{p}.MixProject do
      use Mix.Project

      def project do
        [app: #{inspect(fixture.app)}, version: "0.1.0", deps: [{#{inspect(fixture.dep_app)}, path: "../dep"}]]
      end
    end
    """)

    write(fixture.root, ".formatter.exs", ~s([inputs: ["lib/**/*.ex"]]\n))

    write(fixture.dep_root, "mix.exs", """
    defmodule #{p}.Dep.MixProject do
      use Mix.Project

      def project, do: [app: #{inspect(fixture.dep_app)}, version: "0.1.0"]
    end
    """)

    write(fixture.dep_root, "lib/helper.ex", helper_source(fixture, 1))
    write(fixture.root, "lib/leaf.ex", leaf_source(fixture, 1))
    write(fixture.root, "lib/macros.ex", macros_source(fixture, 2))

    write(fixture.root, "lib/caller.ex", """
    defmodule #{p}.Caller do
      def call, do: #{p}.Leaf.value()
    end
    """)

    write(fixture.root, "lib/uses_macro.ex", """
    defmodule #{p}.UsesMacro do
      require #{p}.Macros

      def four, do: #{p}.Macros.double(2)
    end
    """)

    write(fixture.root, "lib/point.ex", """
    defmodule #{p}.Point do
      defstruct [:x, :y]
    end
    """)

    write(fixture.root, "lib/uses_struct.ex", """
    defmodule #{p}.UsesStruct do
      def origin, do: %#{p}.Point{x: 0, y: 0}
    end
    """)

    write(fixture.root, "lib/cycle_a.ex", """
    defmodule #{p}.CycleA do
      def a(0), do: :done
      def a(n), do: #{p}.CycleB.b(n - 1)
    end
    """)

    write(fixture.root, "lib/cycle_b.ex", """
    defmodule #{p}.CycleB do
      def b(n), do: #{p}.CycleA.a(n)
    end
    """)

    write(fixture.root, "lib/pair.ex", """
    defmodule #{p}.PairOne do
      def one, do: #{p}.PairTwo.two()
    end

    defmodule #{p}.PairTwo do
      def two, do: #{p}.Leaf.value() + 1
    end
    """)

    write(fixture.root, "lib/uses_dep.ex", """
    defmodule #{p}.UsesDep do
      @value #{p}.Dep.Helper.value()

      def value, do: @value
    end
    """)
  end

  defp write(dir, path, text) do
    file = Path.join(dir, path)
    File.mkdir_p!(Path.dirname(file))
    File.write!(file, text)
  end
end
