#!/usr/bin/env bash
# Regenerates the shell completion scripts in Completions/ from the command tree: run it
# after adding or changing a command, verb or option (a test fails while they differ).
# Usage: Scripts/completions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product samverkan
binary="$(swift build --show-bin-path)/samverkan"
mkdir -p Completions
"$binary" completions bash >Completions/samverkan.bash
"$binary" completions zsh >Completions/_samverkan
"$binary" completions fish >Completions/samverkan.fish
echo "Wrote Completions/samverkan.bash, Completions/_samverkan and Completions/samverkan.fish." >&2
