defmodule Mixscope.Agent.Sync.Staleness do
  @moduledoc false

  # Mix (1.14 at least) only compares a source's digest with the manifest's when the source's
  # mtime is *newer* than the manifest's, at one-second resolution; a same-size edit made in the
  # same second as the last compile is skipped (`:noop`, old code stays). We are told exactly
  # which files changed, so we make sure Mix looks at them.
  #
  # We move the manifest's mtime back rather than the sources' forward: a source stamped in the
  # future makes Mix warn and reset it, and bumping a file the user has open makes some editors
  # complain that it changed on disk. Backdating the manifest only makes Mix compare a few more
  # digests (and re-read the lock/config), never compile something unchanged.

  @doc "Backdates each unit's manifest so every existing path in `paths_by_manifest` is looked at."
  @spec ensure_seen(%{String.t() => [String.t()]}) :: :ok
  def ensure_seen(paths_by_manifest) do
    Enum.each(paths_by_manifest, fn {manifest, paths} ->
      with {:ok, manifest_mtime} <- mtime(manifest),
           [_ | _] = mtimes <- existing_mtimes(paths) do
        oldest = Enum.min(mtimes)

        if oldest <= manifest_mtime do
          File.touch(manifest, oldest - 1)
        end
      else
        _ -> :ok
      end
    end)
  end

  defp existing_mtimes(paths) do
    for path <- paths, {:ok, mtime} <- [mtime(path)], do: mtime
  end

  defp mtime(path) do
    case File.stat(path, time: :posix) do
      {:ok, %File.Stat{mtime: mtime, type: :regular}} -> {:ok, mtime}
      _ -> :error
    end
  end
end
