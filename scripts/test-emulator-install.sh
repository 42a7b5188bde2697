#!/usr/bin/env bash
# Two installs of the emulator into one fresh home at the same moment must both succeed, and the
# emulator must then start from what they left. This is how two test packages, or two shells,
# meet on a machine that has never installed it.
set -euo pipefail
cd "$(dirname "$0")/.."
home=$(mktemp -d)
port=${ECR_EMULATOR_INSTALL_TEST_PORT:-4598}
cleanup() { ECR_EMULATOR_HOME="$home" ECR_EMULATOR_PORT=$port scripts/ecr-emulator.sh stop >/dev/null 2>&1 || true; rm -rf "$home"; }
trap cleanup EXIT

export ECR_EMULATOR_HOME="$home"
ECR_EMULATOR_PORT=$port scripts/ecr-emulator.sh install >"$home.1.log" 2>&1 &
first=$!
ECR_EMULATOR_PORT=$port scripts/ecr-emulator.sh install >"$home.2.log" 2>&1 &
second=$!
rc1=0 rc2=0
wait $first || rc1=$?
wait $second || rc2=$?
cat "$home.1.log" "$home.2.log"
rm -f "$home.1.log" "$home.2.log"
if [ $rc1 -ne 0 ] || [ $rc2 -ne 0 ]; then
  echo "emulator install: concurrent installs exited $rc1 and $rc2" >&2
  exit 1
fi
leftovers=$(find "$home" -maxdepth 1 -name '.install*')
[ -z "$leftovers" ] || { echo "emulator install: temporary folders left behind: $leftovers" >&2; exit 1; }
ECR_EMULATOR_PORT=$port scripts/ecr-emulator.sh start
# A second start finds it running and returns at once: the running emulator must not hold the
# home's lock.
if ! ECR_EMULATOR_PORT=$port timeout 60 scripts/ecr-emulator.sh start; then
  echo "emulator install: a second start did not return (is the lock held by the emulator?)" >&2
  exit 1
fi
ECR_EMULATOR_PORT=$port scripts/ecr-emulator.sh status
# A start from another home finds an emulator it did not start on the port, and refuses to use it
# (its patches may differ) instead of testing against it.
other=$(mktemp -d)
if out=$(ECR_EMULATOR_HOME="$other" ECR_EMULATOR_PORT=$port scripts/ecr-emulator.sh start 2>&1); then
  rm -rf "$other"
  echo "emulator install: a start from another home reused the running emulator: $out" >&2
  exit 1
fi
rm -rf "$other"
case "$out" in
  *"did not start answers"*) ;;
  *) echo "emulator install: a start from another home failed without saying why: $out" >&2; exit 1 ;;
esac
echo "emulator install: 4 passed, 0 failed"
