#!/usr/bin/env bash
# Tests the shipped policy-as-code (examples/policy): `opa test` on its unit tests, then, for each
# configuration under examples/policy/e2e, a real `terraform plan` against the local ECR
# emulator, `terraform show -json`, and `opa eval`, compared with the exact violations in its
# expected.json. opa is built once per machine at a pinned version (scripts/tool.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
opa=$(scripts/tool.sh opa)
scripts/ecr-emulator.sh start >/dev/null
endpoint=$(scripts/ecr-emulator.sh endpoint)
export TF_CLI_CONFIG_FILE=$(scripts/dev-provider.sh) TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

echo "policy: opa test"
"$opa" test examples/policy

# The provenance case resolves images that must exist when it is planned.
mkdir -p .build/policy
go run ./scripts/seed-provenance -endpoint "$endpoint" -state .build/policy/signing.json
trap 'go run ./scripts/seed-provenance -endpoint "$endpoint" -state .build/policy/signing.json -cleanup' EXIT

# Every package's deny: the plan checks (ecr.rego), the audit (audit.rego), what may be
# deployed (deploy.rego) and who can reach an image (access.rego).
query='sort(array.concat(array.concat(array.concat([m | m := data.ecrgov.policy.deny[_]], [m | m := data.ecrgov.audit.deny[_]]), [m | m := data.ecrgov.deploy.deny[_]]), [m | m := data.ecrgov.access.deny[_]]))'

status=0
for dir in examples/policy/e2e/*/; do
  name=$(basename "$dir")
  work="$root/.build/policy/$name"
  rm -rf "$work" && mkdir -p "$work"
  cp "$dir"/*.tf "$work/"
  (cd "$work" && terraform plan -input=false -no-color -var "endpoint=$endpoint" -out plan.tfplan >plan.log 2>&1) ||
    { cat "$work/plan.log" >&2; echo "policy: terraform plan failed for $name" >&2; exit 1; }
  (cd "$work" && terraform show -json plan.tfplan >plan.json)
  "$opa" eval --format json -d examples/policy -i "$work/plan.json" "$query" |
    python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["result"][0]["expressions"][0]["value"], indent=2))' >"$work/violations.json"
  if python3 -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' "$work/violations.json" "$dir/expected.json"; then
    echo "policy: $name: $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/violations.json") violations, as expected"
  else
    echo "policy: $name: violations differ from $dir/expected.json:" >&2
    diff -u "$dir/expected.json" "$work/violations.json" >&2 || true
    status=1
  fi
done
exit $status
