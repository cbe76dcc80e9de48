# A warm project VM for the benchmarks, driven over stdin one command per line:
#
#   recompile           times IEx.Helpers.recompile() (what a developer runs in `iex -S mix`)
#   bare FILE<TAB>FILE  times Kernel.ParallelCompiler.compile_to_path/2 of these files into a
#                       temporary folder (the compiler alone, no Mix, no manifest)
#
# Each answer is one stdout line `MIXSCOPE_BENCH {json}`; everything else the VM prints is
# ignored by the driver. Timing happens here, inside the VM, around the call alone.
defmodule MixscopeBench.Driver do
  @moduledoc false

  @doc false
  def loop do
    case IO.gets("") do
      line when is_binary(line) ->
        line |> String.trim_trailing("\n") |> handle() |> reply()
        loop()

      _eof ->
        cleanup()
        System.halt(0)
    end
  end

  defp handle("recompile") do
    flush_shell()
    {us, result} = :timer.tc(fn -> IEx.Helpers.recompile() end)
    %{ms: us / 1000, result: inspect(result), files: compiled_files()}
  end

  defp handle("bare " <> files) do
    files = String.split(files, "\t")
    out = bare_dir()

    # Its own process: the parallel compiler keeps warnings in the caller's dictionary.
    task =
      Task.async(fn ->
        :timer.tc(fn -> Kernel.ParallelCompiler.compile_to_path(files, out) end)
      end)

    {us, result} = Task.await(task, :infinity)
    status = elem(result, 0)
    %{ms: us / 1000, result: inspect(status), files: length(files)}
  end

  # The modules stay loaded from here (the checker of a later compile reads their beams), so
  # the folder lives as long as the VM.
  defp bare_dir do
    dir = Path.join(System.tmp_dir!(), "mixscope-bench-bare-#{System.pid()}")
    File.mkdir_p!(dir)
    dir
  end

  @doc false
  def cleanup, do: File.rm_rf!(bare_dir())

  defp handle(other), do: %{ms: 0, result: "unknown command #{inspect(other)}", files: 0}

  # Mix.Shell.Process turns "Compiling N files (.ex)" into messages to this process.
  defp compiled_files(count \\ 0) do
    receive do
      {:mix_shell, :info, [message]} ->
        case Regex.run(~r/^Compiling (\d+) files? \(\.ex\)/, IO.iodata_to_binary(message)) do
          [_, n] -> compiled_files(count + String.to_integer(n))
          nil -> compiled_files(count)
        end

      {:mix_shell, _kind, _message} ->
        compiled_files(count)
    after
      0 -> count
    end
  end

  defp flush_shell do
    receive do
      {:mix_shell, _, _} -> flush_shell()
    after
      0 -> :ok
    end
  end

  defp reply(%{ms: ms, result: result, files: files}) do
    escaped = result |> String.replace("\\", "\\\\") |> String.replace("\"", "\\\"")
    IO.puts(~s(MIXSCOPE_BENCH {"ms":#{ms},"result":"#{escaped}","files":#{files}}))
  end
end

Code.compiler_options(ignore_module_conflict: true)
Mix.shell(Mix.Shell.Process)
IO.puts("MIXSCOPE_BENCH {\"ms\":0,\"result\":\"ready\",\"files\":0}")
MixscopeBench.Driver.loop()
