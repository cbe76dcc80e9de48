defmodule Mixscope.Agent.Pipeline.Diagnostics do
  @moduledoc false

  # One flat diagnostic shape out of everything 1.14 upward hands back:
  # `Mix.Task.Compiler.Diagnostic` structs (position `line`, `{line, col}` or a range from 1.16),
  # the parallel compiler's `{file, line | {line, col}, message}` tuples with iodata messages,
  # and 1.15's maps with `:position`/`:span`.

  @type t :: %{
          file: String.t() | nil,
          line: non_neg_integer() | nil,
          column: non_neg_integer() | nil,
          severity: String.t(),
          message: String.t()
        }

  @doc "Normalises one diagnostic; `root` makes file paths relative when inside it."
  @spec normalize(term(), String.t(), atom() | String.t()) :: t()
  def normalize(diagnostic, root, default_severity \\ :error)

  def normalize(%{} = diag, root, default_severity) do
    {line, column} = position(Map.get(diag, :position))

    %{
      file: file(Map.get(diag, :file), root),
      line: line,
      column: column,
      severity: severity(Map.get(diag, :severity, default_severity)),
      message: message(Map.get(diag, :message, ""))
    }
  end

  def normalize({file, location, message}, root, default_severity) do
    {line, column} = position(location)

    %{
      file: file(file, root),
      line: line,
      column: column,
      severity: severity(default_severity),
      message: message(message)
    }
  end

  def normalize(other, _root, default_severity) do
    %{
      file: nil,
      line: nil,
      column: nil,
      severity: severity(default_severity),
      message: message(other)
    }
  end

  @doc "Normalises a list, dropping exact duplicates while keeping their order."
  @spec normalize_all([term()], String.t(), atom()) :: [t()]
  def normalize_all(list, root, default_severity \\ :error) do
    list |> Enum.map(&normalize(&1, root, default_severity)) |> Enum.uniq()
  end

  @doc "A diagnostic for an exception raised outside the compiler proper (e.g. a crashed task)."
  @spec from_exception(Exception.t() | term(), String.t() | nil) :: t()
  def from_exception(exception, file \\ nil) do
    text = if is_exception(exception), do: Exception.message(exception), else: inspect(exception)

    %{file: file, line: nil, column: nil, severity: "error", message: text}
  end

  defp position(line) when is_integer(line) and line > 0, do: {line, nil}
  defp position({line, col}) when is_integer(line) and is_integer(col), do: {line, col}

  defp position({{line, col}, _end}) when is_integer(line) and is_integer(col),
    do: {line, col}

  defp position(_), do: {nil, nil}

  defp file(nil, _root), do: nil

  defp file(file, root) when is_binary(file) do
    absolute = Path.expand(file, root)
    root = String.trim_trailing(root, "/")

    if String.starts_with?(absolute, root <> "/"),
      do: Path.relative_to(absolute, root),
      else: absolute
  end

  defp file(file, root) when is_list(file), do: file(List.to_string(file), root)
  defp file(_, _root), do: nil

  defp severity(s) when s in [:error, :warning, :information, :hint], do: Atom.to_string(s)
  defp severity(s) when s in ["error", "warning", "information", "hint"], do: s
  defp severity(_), do: "error"

  defp message(m) when is_binary(m), do: m

  defp message(m) when is_list(m) do
    IO.chardata_to_string(m)
  rescue
    _ -> inspect(m)
  end

  defp message(m), do: inspect(m)
end
