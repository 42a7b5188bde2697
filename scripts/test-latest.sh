#!/usr/bin/env bash
# `make test-latest`: the features that need Terraform 1.14 or later, end to end against the
# local ECR emulator, with the Terraform named by TF_LATEST:
#   1. adoption: examples/adopt-registry/setup makes a registry to adopt; `terraform query
#      -generate-config-out` writes configuration and import blocks for it (typed rule blocks,
#      identities); the plan shows only the imports; after the governance change (IMMUTABLE), only
#      the imports and that change; apply;
#   2. actions: examples/actions, `terraform apply -invoke` of archive, restore, and a scan run by
#      an action_trigger.
# It never runs in `make test`, which needs only the Terraform the README names.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
tf=${TF_LATEST:-}
if [ -z "$tf" ] || [ ! -x "$tf" ]; then
  echo "test-latest: no Terraform 1.14 or later is available: set TF_LATEST to its path (README: \"Terraform versions\")." >&2
  exit 2
fi
version=$("$tf" version | sed -n 's/^Terraform v\([0-9]*\.[0-9]*\).*/\1/p' | head -n1)
if [ "$(printf '%s\n1.14\n' "$version" | sort -V | head -n1)" != "1.14" ]; then
  echo "test-latest: TF_LATEST is Terraform $version; list resources and actions need 1.14 or later." >&2
  exit 2
fi
scripts/ecr-emulator.sh start >/dev/null
endpoint=$(scripts/ecr-emulator.sh endpoint)
export TF_CLI_CONFIG_FILE=$(scripts/dev-provider.sh) TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
work=$root/.build/latest
rm -rf "$work" && mkdir -p "$work/setup" "$work/adopt" "$work/actions"
cp examples/adopt-registry/setup/*.tf "$work/setup/"
cp examples/adopt-registry/*.tf examples/adopt-registry/*.tfquery.hcl "$work/adopt/"
cp examples/actions/*.tf "$work/actions/"
cleanup() { (cd "$work/setup" && "$tf" destroy -auto-approve -input=false -no-color -var "endpoint=$endpoint" >/dev/null 2>&1) || true; }
trap cleanup EXIT
fail() { echo "test-latest: $*" >&2; exit 1; }
run() { local dir=$1; shift; (cd "$work/$dir" && "$tf" "$@" -no-color -var "endpoint=$endpoint") >"$work/$dir.log" 2>&1 || { cat "$work/$dir.log" >&2; fail "terraform $* failed in $dir"; }; }

echo "test-latest: Terraform $version"
run setup apply -auto-approve -input=false
go run ./scripts/seed-images -endpoint "$endpoint" -repository adopt-example/legacy >/dev/null

# 1. Adopt.
(cd "$work/adopt" && "$tf" query -no-color -var "endpoint=$endpoint" -generate-config-out=generated.tf) >"$work/query.log" 2>&1 || { cat "$work/query.log" >&2; fail "terraform query failed"; }
grep -q 'identity = {' "$work/adopt/generated.tf" || fail "generated.tf has no import block with an identity"
grep -q 'rule {' "$work/adopt/generated.tf" || fail "the generated lifecycle policy is not in typed rule blocks"
run adopt plan -input=false
grep -q 'Plan: 2 to import, 0 to add, 0 to change, 0 to destroy' "$work/adopt.log" || { cat "$work/adopt.log" >&2; fail "the adoption plan is not only imports"; }
sed -i 's/image_tag_mutability *= *"MUTABLE"/image_tag_mutability = "IMMUTABLE"/' "$work/adopt/generated.tf"
run adopt plan -input=false
grep -q 'Plan: 2 to import, 0 to add, 1 to change, 0 to destroy' "$work/adopt.log" || { cat "$work/adopt.log" >&2; fail "the governance change is not the only change"; }
run adopt apply -auto-approve -input=false
echo "test-latest: adoption: query, generated configuration, imports and the governance change: ok"

# 2. Actions.
run actions apply -auto-approve -input=false -invoke=action.ecrgov_archive_image.old_release
grep -q 'is ARCHIVED' "$work/actions.log" || { cat "$work/actions.log" >&2; fail "the archive action did not report ARCHIVED"; }
run actions apply -auto-approve -input=false -invoke=action.ecrgov_restore_image.old_release
grep -q 'is ACTIVE' "$work/actions.log" || { cat "$work/actions.log" >&2; fail "the restore action did not report ACTIVE"; }
run actions apply -auto-approve -input=false
grep -q 'CRITICAL' "$work/actions.log" || { cat "$work/actions.log" >&2; fail "the scan triggered after create did not report its findings"; }
echo "test-latest: actions: archive, restore and a triggered scan: ok"
