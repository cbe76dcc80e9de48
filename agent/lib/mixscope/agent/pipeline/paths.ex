defmodule Mixscope.Agent.Pipeline.Paths do
  @moduledoc false

  # Resolves a requested path against the project root and refuses anything that ends up
  # outside it. Symlinks are resolved component by component for every component that exists,
  # so `lib/link/../../etc/passwd` and `lib/evil -> /etc` are both caught before a byte is written.

  @max_links 40

  @doc "The absolute, symlink-free path of `path` (relative to `root` or absolute) if inside `root`."
  @spec resolve(String.t(), String.t()) :: {:ok, String.t()} | {:error, :path_outside_project}
  def resolve(path, root) when is_binary(path) and is_binary(root) do
    real_root = real_path(Path.expand(root))
    candidate = Path.expand(path, root)

    with false <- String.contains?(path, <<0>>),
         resolved when is_binary(resolved) <- real_path(candidate),
         true <- inside?(resolved, real_root) do
      {:ok, resolved}
    else
      _ -> {:error, :path_outside_project}
    end
  end

  @doc """
  Like `resolve/2`, also accepting paths inside any of `extra_roots` (the folders of path
  dependencies, which may sit beside the project rather than inside it).
  """
  @spec resolve(String.t(), String.t(), [String.t()]) ::
          {:ok, String.t()} | {:error, :path_outside_project}
  def resolve(path, root, extra_roots) do
    with {:error, _} = error <- resolve(path, root) do
      candidate = Path.expand(path, root)

      with false <- String.contains?(path, <<0>>),
           resolved when is_binary(resolved) <- real_path(candidate),
           true <- Enum.any?(extra_roots, &inside?(resolved, real_path(Path.expand(&1)) || "")) do
        {:ok, resolved}
      else
        _ -> error
      end
    end
  end

  @doc "True when `path` lies below `root` (both absolute and normalised)."
  @spec inside?(String.t(), String.t()) :: boolean()
  def inside?(path, root) do
    path != root and String.starts_with?(path, String.trim_trailing(root, "/") <> "/")
  end

  @doc "The path relative to `root` when inside it, otherwise unchanged."
  @spec relative(String.t(), String.t()) :: String.t()
  def relative(path, root) do
    if inside?(path, root), do: Path.relative_to(path, root), else: path
  end

  # Walks the components of an absolute path, following symlinks of the ones that exist.
  # Components that do not exist yet (a new file, a new folder) are appended as they are.
  defp real_path(absolute) do
    ["/" | parts] = Path.split(absolute)
    walk(parts, "/", 0)
  end

  defp walk(_parts, _acc, depth) when depth > @max_links, do: nil
  defp walk([], acc, _depth), do: acc

  defp walk([part | rest], acc, depth) do
    next = Path.join(acc, part)

    case :file.read_link_all(String.to_charlist(next)) do
      {:ok, target} ->
        target = List.to_string(target)
        # A relative link is relative to the folder holding it; re-walk the target from root.
        expanded = Path.expand(target, acc)
        ["/" | target_parts] = Path.split(expanded)
        walk(target_parts ++ rest, "/", depth + 1)

      {:error, _} ->
        walk(rest, next, depth)
    end
  end
end
