#!/usr/bin/env bash
# `make demo`: start the local ECR emulator (installing it on first use), build the provider,
# and run a real `terraform apply` of examples/quickstart against it. The CLI configuration with
# dev_overrides is written into .build/, never into the user's ~/.terraformrc.
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
cp examples/quickstart/*.tf "$work/"
cd "$work"
# First apply: the governed repository and its policy. Then push sample images, as a CI
# pipeline would, and apply again so the data sources see them.
terraform apply -auto-approve -input=false -no-color -var "endpoint=$endpoint"
(cd "$OLDPWD" && go run ./scripts/seed-images -endpoint "$endpoint" -repository quickstart/app)
terraform apply -auto-approve -input=false -no-color -var "endpoint=$endpoint"
echo
echo "demo: outputs"
terraform output -no-color
