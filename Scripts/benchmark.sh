#!/usr/bin/env bash
# Builds the release binary and measures it against the performance targets on a store of
# 100,000 consent records (or --rows N), next to SQLite's command-line shell doing the same
# work in the same run, and Taskwarrior (both installed from Debian when missing).
# Usage: Scripts/benchmark.sh [--rows N] [--others N] [--runs N] [--no-concurrency]
#        Scripts/benchmark.sh --rows 1000000     the city-scale figures (takes a while)
set -euo pipefail
cd "$(dirname "$0")/.."
# SQLite is what the targets are measured against; Taskwarrior is the comparison the README
# shows next to it. Both come from Debian when missing.
missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
command -v task >/dev/null || missing+=(taskwarrior)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} from Debian…" >&2
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq >&2 && "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >&2
fi
# The binary Scripts/install.sh installs: the Swift runtime and Foundation linked in.
swift build -c release --static-swift-stdlib --product samverkan >&2
exec python3 Scripts/benchmark.py --binary .build/release/samverkan "$@"
