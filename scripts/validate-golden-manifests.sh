#!/usr/bin/env bash
# Checks the golden manifests against the real upstream schemas (the Kubernetes core kinds Namespace,
# Service and NetworkPolicy; the MCS ServiceExport CRD in both its upstream and submariner-operator
# forms; Istio's ServiceEntry CRD). Core kinds are checked strictly only with kubernetes-validate.
# The validator lives next to the repository, in ../shared/tools; without it this check is skipped.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VALIDATOR="$REPO/../shared/tools/validate-manifests"
GOLDEN="$REPO/Tests/CrosslinkManifestsTests/Golden"

if [[ ! -x "$VALIDATOR" ]]; then
    echo "validate-golden-manifests: SKIP, $VALIDATOR not found"
    exit 0
fi

status=0
# One file at a time: each golden file is a separate scenario, and the same object in two
# scenarios is expected, not a duplicate.
for file in "$GOLDEN"/*.yaml; do
    "$VALIDATOR" "$file" || status=1
done
exit "$status"
