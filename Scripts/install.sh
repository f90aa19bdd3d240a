#!/usr/bin/env bash
# Installs samverkan and its shell completions under PREFIX (default /usr/local):
#   $PREFIX/bin/samverkan
#   $PREFIX/share/bash-completion/completions/samverkan
#   $PREFIX/share/zsh/site-functions/_samverkan
#   $PREFIX/share/fish/vendor_completions.d/samverkan.fish
#   $PREFIX/share/man/man1/samverkan.1 and samverkan-<command>.1
# DESTDIR, when set, is put before every path (for building packages).
# Usage: [PREFIX=~/.local] [DESTDIR=/tmp/package] Scripts/install.sh
# It builds the release binary first, with the Swift runtime and Foundation linked in: it
# runs where no Swift toolchain is installed, and starts in about half the time (a point
# operation in a shell loop is mostly start-up). SAMVERKAN_BINARY=<path> installs that
# binary instead (the tests use it to skip the slow release build).
set -euo pipefail
cd "$(dirname "$0")/.."
prefix="${PREFIX:-/usr/local}"
root="${DESTDIR:-}$prefix"
binary="${SAMVERKAN_BINARY:-}"
if [ -z "$binary" ]; then
  swift build -c release --static-swift-stdlib --product samverkan
  binary="$(swift build -c release --static-swift-stdlib --show-bin-path)/samverkan"
fi
install -d "$root/bin" "$root/share/bash-completion/completions" \
  "$root/share/zsh/site-functions" "$root/share/fish/vendor_completions.d" \
  "$root/share/man/man1"
install -m 755 "$binary" "$root/bin/samverkan"
install -m 644 Completions/samverkan.bash "$root/share/bash-completion/completions/samverkan"
install -m 644 Completions/_samverkan "$root/share/zsh/site-functions/_samverkan"
install -m 644 Completions/samverkan.fish "$root/share/fish/vendor_completions.d/samverkan.fish"
install -m 644 Completions/man/*.1 "$root/share/man/man1/"
echo "Installed samverkan in $root/bin, with completions for bash, zsh and fish and the manual pages (man samverkan)." >&2
