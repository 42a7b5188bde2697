#!/usr/bin/env bash
# Builds the provider into .build/bin and writes .build/dev.terraformrc, a CLI configuration
# whose dev_overrides make terraform use that build for ecrgov/ecrgov without `terraform init`
# (which cannot reach a registry offline). Prints the configuration's path. The user's own
# ~/.terraformrc is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mkdir -p .build/bin
go build -trimpath -o .build/bin/terraform-provider-ecrgov .
cat >.build/dev.terraformrc <<RC
provider_installation {
  dev_overrides {
    "ecrgov/ecrgov" = "$root/.build/bin"
  }
  direct {}
}
RC
echo "$root/.build/dev.terraformrc"
