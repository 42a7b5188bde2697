#!/usr/bin/env bash
# Runs every Go fuzz target for a bounded time each: FUZZTIME=30s by default (`make fuzz`);
# `make test` runs each briefly. Seed corpora live in each package's testdata/fuzz/<Target>/,
# and new failing inputs are written there by the fuzzer, to be committed with their fix.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-30s}
status=0
for pkg in $(go list ./internal/...); do
  for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
    printf 'fuzz: %s %s (%s) ... ' "${pkg#github.com/ecrgov/terraform-provider-ecrgov/}" "$target" "$fuzztime"
    out=$(go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" 2>&1) && rc=0 || rc=$?
    # Go's fuzzing engine sometimes fails to stop its workers in time on a loaded machine and
    # reports "context deadline exceeded" with no failing input: that is the engine, not the
    # code, so the target runs once more. A real failure writes its input under testdata/fuzz
    # and prints "Failing input", and is never retried.
    if [ "$rc" -ne 0 ] && grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input' <<<"$out"; then
      printf '(the engine timed out stopping; once more) ... '
      out=$(go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" 2>&1) && rc=0 || rc=$?
    fi
    if [ "$rc" -eq 0 ]; then
      echo "ok ($(grep -o 'execs: [0-9]*' <<<"$out" | tail -1))"
    else
      echo "FAILED"
      echo "$out" | tail -n 20
      status=1
    fi
  done
done
exit $status
