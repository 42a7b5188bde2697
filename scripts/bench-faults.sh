#!/usr/bin/env bash
# Prints what the chaos suite meets and how it ends, with the default provider block (no retry
# settings): for each seed, the faults injected (throttling and server errors before ECR acts,
# answers lost after it acted), the calls made, and whether the applies, the refresh and the
# destroy passed with the registry and the state in agreement after each.
#
#   scripts/bench-faults.sh [SEED...]      default: 1 2 3 4
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-env.sh
scripts/ecr-emulator.sh start >/dev/null
seeds=("${@:-1 2 3 4}")
# shellcheck disable=SC2206
seeds=(${seeds[*]})
printf '%-5s %-8s %-9s %s\n' seed result seconds "faults injected / calls"
for seed in "${seeds[@]}"; do
  start=$(date +%s)
  log=.build/bench-faults-$seed.log
  if ECRGOV_CHAOS_SEED=$seed TF_ACC=1 go test -count=1 -v -timeout 30m -run '^TestAccReliability_chaos$' ./internal/provider/ >"$log" 2>&1; then
    result=pass
  else
    result=FAIL
  fi
  detail=$(grep -o 'chaos: seed .*' "$log" | sed 's/^chaos: seed [0-9]*, //' || true)
  printf '%-5s %-8s %-9s %s\n' "$seed" "$result" "$(( $(date +%s) - start ))" "${detail:-see $log}"
done
