#!/usr/bin/env bash
# Installs crosslink as the kubectl plugin `kubectl-crosslink`, so that `kubectl crosslink …` runs it.
#
#   scripts/install-kubectl-plugin.sh [--copy] DIR [BINARY]
#
# DIR     a directory on your PATH (created if missing), e.g. ~/.local/bin or /usr/local/bin
# BINARY  the crosslink binary (default: .build/release/crosslink, else .build/debug/crosslink,
#         else `crosslink` from PATH)
# --copy  copy the binary instead of symlinking it (a symlink follows later rebuilds)
set -euo pipefail

usage() { echo "usage: $0 [--copy] DIR [BINARY]" >&2; exit 2; }

copy=false
if [[ "${1:-}" == "--copy" ]]; then copy=true; shift; fi
[[ $# -ge 1 && $# -le 2 ]] || usage
dir="$1"

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ $# -eq 2 ]]; then
    binary="$2"
elif [[ -x "$REPO/.build/release/crosslink" ]]; then
    binary="$REPO/.build/release/crosslink"
elif [[ -x "$REPO/.build/debug/crosslink" ]]; then
    binary="$REPO/.build/debug/crosslink"
elif command -v crosslink >/dev/null 2>&1; then
    binary="$(command -v crosslink)"
else
    echo "install-kubectl-plugin: no crosslink binary found; run 'swift build -c release' first, or pass BINARY" >&2
    exit 1
fi
if [[ ! -x "$binary" ]]; then
    echo "install-kubectl-plugin: $binary is not an executable file" >&2
    exit 1
fi
# A symlink must hold an absolute path to keep working from any directory.
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

mkdir -p "$dir"
target="$dir/kubectl-crosslink"
if $copy; then
    # Copy to a temporary name, then rename: a running `kubectl crosslink` never sees half a file.
    cp "$binary" "$target.tmp.$$"
    chmod 0755 "$target.tmp.$$"
    mv -f "$target.tmp.$$" "$target"
else
    ln -sfn "$binary" "$target"
fi
if $copy; then echo "installed $target (copy of $binary)"; else echo "installed $target -> $binary"; fi

case ":$PATH:" in
    *":$(cd "$dir" && pwd):"*) ;;
    *) echo "note: $dir is not on your PATH; kubectl finds plugins only on PATH" >&2 ;;
esac
if command -v kubectl >/dev/null 2>&1; then
    echo "check with: kubectl plugin list; kubectl crosslink --help"
fi
