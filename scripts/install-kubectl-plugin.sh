#!/usr/bin/env bash
# Installs crosslink as a kubectl plugin: kubectl runs any `kubectl-NAME` on the PATH as `kubectl NAME`.
# Usage: scripts/install-kubectl-plugin.sh [DIR]   (default: /usr/local/bin)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/usr/local/bin}
swift build -c release --product crosslink >/dev/null
install -m 0755 .build/release/crosslink "$dir/kubectl-crosslink"
echo "installed $dir/kubectl-crosslink: try 'kubectl crosslink routes'"
