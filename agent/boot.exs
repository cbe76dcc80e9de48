# Starts the Mixscope agent inside a project's VM.
#
# Mixscope runs, in the project's folder (the exact list is also in `vm-command.json`):
#
#     mix run --no-halt --no-compile --no-deps-check --no-start \
#       --no-elixir-version-check --no-archives-check /abs/path/to/agent/boot.exs
#
#   --no-halt      keep the VM running after this script returns.
#   --no-compile   the agent compiles the project itself, after `hello`, so that a project that
#                  does not compile still gives a VM that reports why; `mix run` would exit.
#   --no-deps-check, --no-elixir-version-check, --no-archives-check
#                  same reason: a dependency or version problem becomes a reported diagnostic,
#                  not a VM that never comes up.
#   --no-start     the project's apps start only once the project has compiled.
#
# Environment:
#   MIXSCOPE_PORT       port on 127.0.0.1 where Mixscope listens (required)
#   MIXSCOPE_TOKEN      token the first frame must carry (required)
#   MIXSCOPE_AGENT_DIR  this folder (default: the folder of this file)
#   MIXSCOPE_CACHE_DIR  where compiled agent modules are kept, one folder per
#                       Elixir/OTP version and source hash (default: <tmp>/mixscope-agent)
#
# The agent's own sources (`lib/**/*.ex`) are compiled into the cache once and reused by every
# later boot with the same Elixir, OTP and sources; nothing is written into the project.

started_at = System.monotonic_time(:millisecond)

env = fn name ->
  case System.get_env(name) do
    value when value in [nil, ""] -> nil
    value -> value
  end
end

fail = fn message ->
  IO.puts(:stderr, "mixscope agent: " <> message)
  System.halt(2)
end

port =
  case Integer.parse(env.("MIXSCOPE_PORT") || "") do
    {port, ""} when port in 1..65535 -> port
    _ -> fail.("MIXSCOPE_PORT must be a port number")
  end

token = env.("MIXSCOPE_TOKEN") || fail.("MIXSCOPE_TOKEN is not set")
agent_dir = Path.expand(env.("MIXSCOPE_AGENT_DIR") || Path.dirname(__ENV__.file))

cache_dir =
  Path.expand(env.("MIXSCOPE_CACHE_DIR") || Path.join(System.tmp_dir!(), "mixscope-agent"))

sources = agent_dir |> Path.join("lib/**/*.ex") |> Path.wildcard() |> Enum.sort()

hash =
  sources
  |> Enum.reduce(:erlang.md5_init(), fn file, acc ->
    acc
    |> :erlang.md5_update(Path.relative_to(file, agent_dir) <> <<0>>)
    |> :erlang.md5_update(File.read!(file) <> <<0>>)
  end)
  |> :erlang.md5_final()
  |> Base.encode16(case: :lower)
  |> binary_part(0, 16)

out = Path.join(cache_dir, "#{System.version()}-#{System.otp_release()}-#{hash}")

unless File.exists?(Path.join(out, ".complete")) do
  # Compiled into a private folder and renamed into place, so two VMs booting at once never
  # load each other's half-written beams.
  tmp = "#{out}.tmp-#{System.pid()}"
  File.rm_rf!(tmp)
  File.mkdir_p!(tmp)

  case Kernel.ParallelCompiler.compile_to_path(sources, tmp) do
    {:ok, _modules, _warnings} ->
      File.write!(Path.join(tmp, ".complete"), "")

      case File.rename(tmp, out) do
        :ok -> :ok
        {:error, _} -> File.rm_rf!(tmp)
      end

    {:error, errors, _warnings} ->
      File.rm_rf!(tmp)
      fail.("the agent does not compile: #{inspect(errors)}")
  end
end

Code.prepend_path(out)
# Marks the folder as in use, for the pruning below run by other versions' boots.
File.touch(out)

# Loaded now rather than on first use: the cache folder of an older agent version may be
# pruned by a later boot, and a module this VM had not loaded yet would then be missing.
for file <- File.ls!(out), Path.extname(file) == ".beam" do
  {:module, _} = file |> Path.rootname() |> String.to_atom() |> Code.ensure_loaded()
end

# Folders of other agent versions for this Elixir/OTP that no boot used for a week are left
# over from older Mixscope versions.
week_ago = System.os_time(:second) - 7 * 24 * 3600

for dir <- Path.wildcard(Path.join(cache_dir, "#{System.version()}-#{System.otp_release()}-*")),
    dir != out,
    match?({:ok, %File.Stat{mtime: mtime}} when mtime < week_ago, File.stat(dir, time: :posix)) do
  File.rm_rf(dir)
end

Mixscope.Agent.Boot.start(port: port, token: token, started_at: started_at)
