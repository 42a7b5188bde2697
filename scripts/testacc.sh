#!/usr/bin/env bash
# Runs the acceptance tier (TF_ACC=1) against the local ECR emulator, starting it when needed,
# and fails when acceptance tests were skipped or none ran: a green run must mean they ran.
#   scripts/testacc.sh                                   every package, every TestAcc test
#   scripts/testacc.sh -run TestAccRepository            every package, those tests
#   scripts/testacc.sh ./internal/provider/ -run 'X|Y'   one package
# Packages default to ./...; -run defaults to ^TestAcc (or $TESTACC_RUN); other go test flags
# pass through.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-env.sh
scripts/ecr-emulator.sh start

packages=() flags=() run=${TESTACC_RUN:-^TestAcc}
while [ $# -gt 0 ]; do
  case "$1" in
    -run) run=${2:?-run needs a pattern}; shift 2 ;;
    -run=*) run=${1#-run=}; shift ;;
    -*) flags+=("$1"); shift ;;
    *) packages+=("$1"); shift ;;
  esac
done
[ ${#packages[@]} -gt 0 ] || packages=(./...)

log=.build/testacc.log
set +e
TF_ACC=1 go test -count=1 -v -timeout 30m -parallel "${TESTACC_PARALLEL:-4}" "${flags[@]}" "${packages[@]}" -run "$run" 2>&1 | tee "$log" |
  grep -E '^(=== RUN|--- |PASS|FAIL|ok|panic:|\s+\S+_test.go:)' | grep -v '^=== RUN'
rc=${PIPESTATUS[0]}
set -e

passed=$(grep -cE '^\s*--- PASS: TestAcc' "$log" || true)
failed=$(grep -cE '^\s*--- FAIL: ' "$log" || true)
# TESTACC_ALLOW_SKIP (a regexp of test names) lists skips a runner expects and has explained,
# such as the OpenTofu run's; every other skip fails the run.
allowed=${TESTACC_ALLOW_SKIP:-^$}
skipped=$(grep -E '^\s*--- SKIP: TestAcc' "$log" | grep -cvE "$allowed" || true)
echo
echo "acceptance: $passed passed, $failed failed, $skipped skipped"
if [ "$rc" -ne 0 ]; then
  echo "acceptance tests failed; full log in $log" >&2
  exit "$rc"
fi
if [ "$skipped" -gt 0 ]; then
  grep -E -A3 '^\s*--- SKIP: TestAcc' "$log" | grep -vE "$allowed" >&2
  echo "acceptance tests were skipped; they must run against the emulator" >&2
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "no acceptance test ran" >&2
  exit 1
fi
