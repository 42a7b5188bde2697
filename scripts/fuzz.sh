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
    if out=$(go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" 2>&1); then
      echo "ok ($(grep -o 'execs: [0-9]*' <<<"$out" | tail -1))"
    else
      echo "FAILED"
      echo "$out" | tail -n 20
      status=1
    fi
  done
done
exit $status
