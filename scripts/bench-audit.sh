#!/usr/bin/env bash
# The registry audit's check_policies against the local emulator, for R repositories each
# (default: 50 200): the call budget (asserted), the median wall time of 5 reads with and without
# check_policies, their ratio, and the bytes allocated per read.
#   scripts/bench-audit.sh [R...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-env.sh
scripts/ecr-emulator.sh start >/dev/null
for r in "${@:-50 200}"; do
  for n in $r; do
    ECRGOV_BENCH_REPOSITORIES=$n TF_ACC=1 go test -count=1 -v -run '^TestAccRegistryAuditDataSource_policyBudget$' ./internal/provider/ |
      grep -o 'bench-audit: .*' || { echo "bench-audit: R=$n failed" >&2; exit 1; }
  done
done
