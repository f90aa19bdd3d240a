#!/usr/bin/env bash
# Regenerates the manual pages in Completions/man/ from the command tree (the same
# declarations help and completion come from): run it after adding or changing a command,
# verb or option (a test fails while they differ). Read one with: man -l Completions/man/samverkan.1
# Usage: Scripts/man.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product samverkan
binary="$(swift build --show-bin-path)/samverkan"
mkdir -p Completions/man
rm -f Completions/man/*.1
for page in $("$binary" __man); do
  "$binary" __man "$page" >"Completions/man/$page.1"
done
echo "Wrote $(ls Completions/man | wc -l) pages in Completions/man." >&2
