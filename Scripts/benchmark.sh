#!/usr/bin/env bash
# Builds the release binary and measures it against the performance targets on a store of
# 100,000 consent records, next to Taskwarrior (if installed) doing the same work.
# Usage: Scripts/benchmark.sh [--rows N] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release >&2
exec python3 Scripts/benchmark.py --binary .build/release/samverkan "$@"
