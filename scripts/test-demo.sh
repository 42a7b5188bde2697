#!/usr/bin/env bash
# `make test-demo`: the README's `make demo` contract, run as users run it. Two fresh copies of
# this tree run `make demo` one after the other against one emulator that stays up between them;
# both must print a digest-pinned image URI. Then `make demo-clean` from the second copy removes
# the demo's repository, and the first copy, whose state still names it, runs the demo again.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ecrgov-test-demo.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# What a fresh clone holds: the tracked files (and new ones not ignored), without .build/.
fresh_copy() {
  mkdir -p "$1"
  git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$1"
}
fresh_copy "$scratch/a"
fresh_copy "$scratch/b"

scripts/ecr-emulator.sh start
endpoint=$(scripts/ecr-emulator.sh endpoint)

pinned='^pinned_image_uri = "[^"]+@sha256:[0-9a-f]{64}"$'
run_demo() {
  local clone=$1 label=$2
  echo "test-demo: $label"
  if ! make -C "$clone" --no-print-directory demo >"$scratch/$label.log" 2>&1; then
    tail -40 "$scratch/$label.log" >&2
    echo "test-demo: $label failed" >&2
    exit 1
  fi
  grep -Eq "$pinned" "$scratch/$label.log" ||
    { tail -40 "$scratch/$label.log" >&2; echo "test-demo: $label printed no digest-pinned URI" >&2; exit 1; }
  grep -E "$pinned" "$scratch/$label.log"
}

run_demo "$scratch/a" first-clone
run_demo "$scratch/b" second-clone
grep -q 'adopting it with import blocks' "$scratch/second-clone.log" ||
  { echo "test-demo: the second clone did not adopt the first clone's repository" >&2; exit 1; }

make -C "$scratch/b" --no-print-directory demo-clean >"$scratch/clean.log" 2>&1 ||
  { cat "$scratch/clean.log" >&2; echo "test-demo: demo-clean failed" >&2; exit 1; }
left=$(go run ./scripts/demo-adopt -lines -endpoint "$endpoint" -repository quickstart/app)
[ -z "$left" ] || { echo "test-demo: demo-clean left the demo's repository behind: $left" >&2; exit 1; }

# The first clone's state still names the repository that demo-clean removed.
run_demo "$scratch/a" first-clone-again
echo "test-demo: 3 passed, 0 failed"
