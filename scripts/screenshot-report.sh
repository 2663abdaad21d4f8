#!/usr/bin/env bash
# Renders the HTML report of an estate in headless Chromium and saves a screenshot, to check the page
# by eye. Usage: scripts/screenshot-report.sh [TOPOLOGY.yaml] [OUT.png]
# Installs graphviz and chromium with apt when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
topology=${1:-examples/multi-cluster.yaml}
out=${2:-docs/images/multi-cluster-report.png}
for tool in dot:graphviz chromium:chromium; do
  command -v "${tool%%:*}" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${tool##*:}"; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build --product crosslink >/dev/null
.build/debug/crosslink apply --db "$work/estate.db" -f "$topology" >/dev/null
.build/debug/crosslink report --db "$work/estate.db" --html "$work/report.html" >/dev/null
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,1600 \
  --screenshot="$out" "file://$work/report.html" 2>/dev/null
echo "screenshot: $out"
