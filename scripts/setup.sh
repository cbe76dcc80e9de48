#!/usr/bin/env bash
# Installs what Mixscope needs on Debian/Ubuntu: Elixir and Erlang (the project VMs), Chromium
# (the end-to-end suite), inotify-tools (file watching), then the npm dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(elixir erlang-dev chromium inotify-tools)
if command -v mix >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1; then
  echo "setup: mix and chromium are installed; skipping apt-get"
elif [ "$(id -u)" = "0" ]; then
  echo "setup: installing ${packages[*]}"
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${packages[@]}"
else
  # Not root: say exactly what to run, and still install the npm side.
  echo "setup: Elixir/Chromium are missing; as root, run:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${packages[*]}" >&2
fi

# Playwright drives Debian's Chromium; Electron's binary is not downloadable here (and is only
# needed for the desktop app, never for the build).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund
