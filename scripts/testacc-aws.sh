#!/usr/bin/env bash
# `make testacc-aws`: the acceptance suite against real ECR, for a maintainer before a release.
# It uses the standard AWS credential chain with no endpoint, in AWS_REGION, and refuses to start
# unless the credentials resolve to ECRGOV_ACC_AWS_ACCOUNT. Tests that need the emulator (fault
# injection, lost responses, fakes, tests of the emulator itself) skip, and their reasons are
# listed. Afterwards, `make sweep` removes anything a failed run left behind.
#   scripts/testacc-aws.sh [go test args...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-env.sh
: "${AWS_REGION:?set AWS_REGION to the region to test in}"
: "${ECRGOV_ACC_AWS_ACCOUNT:?set ECRGOV_ACC_AWS_ACCOUNT to the account the suite may use}"
export ECRGOV_ACC_TARGET=aws
unset ECRGOV_EMULATOR_ENDPOINT AWS_ENDPOINT_URL AWS_ENDPOINT_URL_ECR
go run ./scripts/aws-account-guard

log=.build/testacc-aws.log
set +e
TF_ACC=1 go test -count=1 -v -timeout 60m -parallel "${TESTACC_PARALLEL:-4}" "${@:-./...}" -run "${TESTACC_RUN:-^TestAcc}" 2>&1 | tee "$log" |
  grep -E '^(--- |PASS|FAIL|ok|panic:)'
rc=${PIPESTATUS[0]}
set -e
echo
echo "skipped on real ECR, and why:"
grep -E -A1 '^\s*--- SKIP: TestAcc' "$log" | grep -E 'needs the emulator' | sed 's/^ */  /' | sort | uniq -c || true
passed=$(grep -cE '^\s*--- PASS: TestAcc' "$log" || true)
failed=$(grep -cE '^\s*--- FAIL: ' "$log" || true)
skipped=$(grep -cE '^\s*--- SKIP: TestAcc' "$log" || true)
echo "acceptance on real ECR: $passed passed, $failed failed, $skipped skipped"
exit "$rc"
