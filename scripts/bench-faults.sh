#!/usr/bin/env bash
# Prints what the chaos suite meets and how it ends, with the default provider block (no retry
# settings): for each seed, the faults injected (throttling and server errors before ECR acts,
# answers lost after it acted), the calls made, and whether the applies, the refresh and the
# destroy passed with the registry and the state in agreement after each.
#
#   scripts/bench-faults.sh [SEED...]      default: 1 2 3 4
#   scripts/bench-faults.sh --interrupted  only the interrupted-apply run
#
# After the seeds it reports the interrupted-apply run.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-env.sh
scripts/ecr-emulator.sh start >/dev/null
only_interrupted=false
if [ "${1:-}" = --interrupted ]; then
  only_interrupted=true
  shift
fi
seeds=("${@:-1 2 3 4}")
# shellcheck disable=SC2206
seeds=(${seeds[*]})
$only_interrupted || printf '%-5s %-8s %-9s %s\n' seed result seconds "faults injected / calls"
$only_interrupted && seeds=()
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

# The interrupted apply: each overlay and singleton's first write lands while the apply is
# interrupted (Ctrl-C cancels the call; the proxy holds ECR's answer). A pass means the next apply
# replaced the tainted resource with the registry and the state in agreement, every previous_* is
# the original value, and the final destroy put the original back (internal/provider/
# interrupted_writes_test.go).
echo
printf '%-56s %-8s %s\n' "interrupted apply" result seconds
start=$(date +%s)
log=.build/bench-faults-interrupted.log
TF_ACC=1 go test -count=1 -v -timeout 15m -run '_interruptedCreate$' ./internal/provider/ >"$log" 2>&1 || true
grep -E '^--- (PASS|FAIL): TestAcc.*_interruptedCreate ' "$log" | while read -r _ result name secs; do
  verdict="registry and state agree; previous_* is the original"
  [ "$result" = "PASS:" ] || verdict="see $log"
  printf '%-56s %-8s %-9s %s\n' "$name" "${result%:}" "${secs//[()]/}" "$verdict"
done
grep -q -E '^--- (PASS|FAIL): TestAcc.*_interruptedCreate ' "$log" || echo "no interrupted-apply run: see $log"
echo "total $(( $(date +%s) - start ))s"
