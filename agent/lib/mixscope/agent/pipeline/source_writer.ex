defmodule Mixscope.Agent.Pipeline.SourceWriter do
  @moduledoc false

  # Formats and writes a source file. The formatted text is written only when the sent text
  # parses; otherwise the file holds exactly the bytes that were sent, so nothing the user typed
  # is lost. The write goes to a temporary file in the same folder and is renamed over the target:
  # a reader (the compiler, an editor, a watcher) never sees a half-written file.

  @doc "Formats `content` for `path` when it parses, writes it atomically, returns what was written."
  @spec write(String.t(), String.t()) :: {:ok, binary()} | {:error, term()}
  def write(path, content) do
    text = format(path, content)

    with :ok <- File.mkdir_p(Path.dirname(path)),
         :ok <- atomic_write(path, text) do
      {:ok, text}
    end
  end

  @doc "The content formatted with the project's formatter options for `path`, or `content` as-is."
  @spec format(String.t(), String.t()) :: binary()
  def format(path, content) do
    if Path.extname(path) in [".ex", ".exs"] do
      try do
        {formatter, _opts} = formatter_for(path)
        IO.iodata_to_binary(formatter.(content))
      rescue
        _ -> content
      catch
        _, _ -> content
      end
    else
      content
    end
  end

  # `formatter_for_file/1` reads `.formatter.exs` (and plugins) each call; the result is cached
  # per folder and keyed by the formatter file's mtime so an edited `.formatter.exs` takes effect.
  defp formatter_for(path) do
    dir = Path.dirname(path)
    stamp = formatter_stamp()
    key = {__MODULE__, dir}

    case :persistent_term.get(key, nil) do
      {^stamp, formatter} ->
        formatter

      _ ->
        formatter = Mix.Tasks.Format.formatter_for_file(path)
        :persistent_term.put(key, {stamp, formatter})
        formatter
    end
  end

  defp formatter_stamp do
    case File.stat(".formatter.exs", time: :posix) do
      {:ok, %{mtime: mtime, size: size}} -> {File.cwd!(), mtime, size}
      _ -> {File.cwd!(), nil, nil}
    end
  end

  defp atomic_write(path, text) do
    tmp =
      Path.join(
        Path.dirname(path),
        ".#{Path.basename(path)}.mixscope-#{System.unique_integer([:positive])}.tmp"
      )

    with :ok <- File.write(tmp, text),
         :ok <- keep_mode(path, tmp),
         :ok <- File.rename(tmp, path) do
      :ok
    else
      error ->
        File.rm(tmp)
        error
    end
  end

  # A rename replaces the file's permissions with the temporary file's; keep the original's.
  defp keep_mode(path, tmp) do
    case File.stat(path) do
      {:ok, %{mode: mode}} -> File.chmod(tmp, mode)
      _ -> :ok
    end
  end
end
