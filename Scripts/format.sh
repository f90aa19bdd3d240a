#!/usr/bin/env bash
# Formats every Swift file with the toolchain's swift-format and the repository's
# .swift-format. Usage: Scripts/format.sh [--check]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--check" ]; then
  swift format lint --recursive --strict Package.swift Sources Tests
else
  swift format format --in-place --recursive Package.swift Sources Tests
fi
