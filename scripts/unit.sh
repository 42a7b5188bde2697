#!/usr/bin/env bash
# The unit tier: vet and `go test ./...` without TF_ACC. It needs no emulator, and it proves it:
# the tests run with an empty emulator home and a port where nothing listens, and the run fails
# if anything was installed there or an emulator was asked for.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-env.sh
go vet ./...

home=$(mktemp -d)
# An emulator a stray test started is stopped before the home goes.
trap 'ECR_EMULATOR_HOME="$home" ECR_EMULATOR_PORT=1 scripts/ecr-emulator.sh stop >/dev/null 2>&1; rm -rf "$home"' EXIT
unset TF_ACC ECRGOV_EMULATOR_ENDPOINT
ECR_EMULATOR_HOME="$home" ECR_EMULATOR_PORT=1 go test -count=1 "${@:-./...}"

if [ -n "$(ls -A "$home")" ]; then
  ls -A "$home" >&2
  echo "unit: the unit tier touched the emulator home; a test that needs the emulator must call acctest.PreCheck first" >&2
  exit 1
fi
