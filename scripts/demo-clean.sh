#!/usr/bin/env bash
# `make demo-clean`: destroy what `make demo` created in the running emulator (the quickstart
# repository, its policy and images) and remove the demo's working copy. Nothing else in the
# emulator is touched, and the emulator keeps running (`make emulator-stop` stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build/demo
if ! scripts/ecr-emulator.sh status >/dev/null 2>&1; then
  echo "demo-clean: the emulator is not running, so it holds nothing of the demo's"
  rm -rf "$work"
  exit 0
fi
endpoint=$(scripts/ecr-emulator.sh endpoint)
TF_CLI_CONFIG_FILE=$(scripts/dev-provider.sh)
export TF_CLI_CONFIG_FILE TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
mkdir -p "$work"
rm -f "$work"/*.tf
cp examples/quickstart/*.tf "$work/"
# A demo from another clone may have left the repository without state here: import it first, so
# that destroy removes exactly the demo's own repository.
if ! (cd "$work" && terraform state list 2>/dev/null | grep -x 'ecrgov_repository.app' >/dev/null); then
  adopt=$(go run ./scripts/demo-adopt -lines -endpoint "$endpoint" -repository quickstart/app)
  if [ -z "$adopt" ]; then
    echo "demo-clean: the emulator holds no demo repository"
    rm -rf "$work"
    exit 0
  fi
  while read -r address id; do
    (cd "$work" && terraform import -input=false -no-color -var "endpoint=$endpoint" "$address" "$id" >/dev/null)
  done <<<"$adopt"
fi
(cd "$work" && terraform destroy -auto-approve -input=false -no-color -var "endpoint=$endpoint")
rm -rf "$work"
echo "demo-clean: removed quickstart/app and the quickstart template from the emulator at $endpoint"
