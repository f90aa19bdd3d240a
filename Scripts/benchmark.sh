#!/usr/bin/env bash
# Builds the release binary and measures it against the performance targets on a store of
# 100,000 consent records (or --rows N), next to SQLite's command-line shell doing the same
# work in the same run (installed from Debian when missing), and Taskwarrior if installed.
# Usage: Scripts/benchmark.sh [--rows N] [--others N] [--runs N] [--no-concurrency]
#        Scripts/benchmark.sh --rows 1000000     the city-scale figures (takes a while)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v sqlite3 >/dev/null; then
  echo "Installing sqlite3 from Debian…" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq >&2 && apt-get install -y -qq sqlite3 >&2
  else
    sudo apt-get update -qq >&2 && sudo apt-get install -y -qq sqlite3 >&2
  fi
fi
swift build -c release >&2
exec python3 Scripts/benchmark.py --binary .build/release/samverkan "$@"
