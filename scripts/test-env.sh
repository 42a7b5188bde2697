# Sourced by the GNUmakefile's test scripts: the environment terraform-plugin-testing needs on
# these machines. Never sets TF_ACC_TERRAFORM_VERSION, which would try to download terraform.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$root/.build"
TF_ACC_TERRAFORM_PATH=${TF_ACC_TERRAFORM_PATH:-$(command -v terraform || true)}
[ -n "$TF_ACC_TERRAFORM_PATH" ] || { echo "terraform is not on PATH; install terraform >= 1.10" >&2; exit 1; }
export TF_ACC_TERRAFORM_PATH
export TF_ACC_PROVIDER_NAMESPACE=ecrgov
# The machine's TF_CLI_CONFIG_FILE may name a file that does not exist; use an empty one of ours.
: >"$root/.build/test.terraformrc"
export TF_CLI_CONFIG_FILE="$root/.build/test.terraformrc"
export TF_IN_AUTOMATION=1
export CHECKPOINT_DISABLE=1
