#!/usr/bin/env bash
# `make demo`: start the local ECR emulator (installing it on first use), build the provider,
# and run a real `terraform apply` of examples/quickstart against it. The CLI configuration with
# dev_overrides is written into .build/, never into the user's ~/.terraformrc.
#
# The emulator outlives the demo, but the demo's Terraform state lives in this clone. When an
# earlier demo (from this clone or another) left quickstart/app (or the quickstart creation
# template) in the running emulator and this clone's state does not know it, the demo adopts it
# with `import` blocks rather than failing or deleting anything: the demo touches only its own.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v terraform >/dev/null || { echo "demo: terraform is not on PATH" >&2; exit 1; }

scripts/ecr-emulator.sh start
endpoint=$(scripts/ecr-emulator.sh endpoint)

echo "demo: building the provider"
TF_CLI_CONFIG_FILE=$(scripts/dev-provider.sh)
export TF_CLI_CONFIG_FILE TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1

# A working copy keeps the demo's state out of examples/ and lets `make demo` run again.
work=.build/demo
mkdir -p "$work"
rm -f "$work"/*.tf
cp examples/quickstart/*.tf "$work/"
if ! (cd "$work" && terraform state list 2>/dev/null | grep -x 'ecrgov_repository.app' >/dev/null); then
  go run ./scripts/demo-adopt -endpoint "$endpoint" -repository quickstart/app >"$work/adopt.tf"
  if [ -s "$work/adopt.tf" ]; then
    echo "demo: quickstart/app or its template is already in the emulator from an earlier demo; adopting it with import blocks"
  fi
fi
cd "$work"
# First apply: the governed repository and its policy. Then push sample images, as a CI
# pipeline would, and apply again so the data sources see them.
terraform apply -auto-approve -input=false -no-color -var "endpoint=$endpoint"
rm -f adopt.tf # adopted now; the state knows it
(cd "$OLDPWD" && go run ./scripts/seed-images -endpoint "$endpoint" -repository quickstart/app)
terraform apply -auto-approve -input=false -no-color -var "endpoint=$endpoint"
echo
echo "demo: outputs"
terraform output -no-color
cat <<MSG

demo: done. The emulator keeps running at $endpoint, so you can run terraform in $work yourself.
demo: \`make demo-clean\` destroys what the demo created; \`make emulator-stop\` stops the emulator.
MSG
