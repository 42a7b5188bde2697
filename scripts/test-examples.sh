#!/usr/bin/env bash
# Runs the `terraform test` suites shipped under examples/ against a fresh build of the provider.
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CLI_CONFIG_FILE=$(scripts/dev-provider.sh) TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
status=0
for dir in examples/*/; do
  [ -d "$dir/tests" ] || continue
  echo "terraform test: $dir"
  (cd "$dir" && terraform test -no-color 2>&1 | grep -v -i 'provider development overrides\|dev_overrides\|^ - ecrgov\|^$\|behavior may therefore\|published releases\|may cause the state\|following provider\|^╷\|^╵\|^│ *$\|^│ Warning\|^│ The\|^│  - ecrgov\|^│ ') || status=1
done
exit $status
