#!/usr/bin/env bash
# Runs the acceptance suite with OpenTofu instead of Terraform, when a `tofu` binary is
# available (OpenTofu cannot be installed with `go install`, and building it takes minutes, so CI
# does not run this):
#   TOFU=/path/to/tofu scripts/testacc-opentofu.sh [go test args...]
set -euo pipefail
cd "$(dirname "$0")/.."
tofu=${TOFU:-$(command -v tofu || true)}
[ -n "$tofu" ] && [ -x "$tofu" ] || { echo "testacc-opentofu: no tofu binary (set TOFU=/path/to/tofu)" >&2; exit 2; }
export TF_ACC_TERRAFORM_PATH="$tofu"
# OpenTofu resolves providers from its own registry host.
export TF_ACC_PROVIDER_HOST=registry.opentofu.org
# OpenTofu does not route the provider's logs to TF_ACC_LOG_PATH, so the log-secrets test skips.
export TESTACC_ALLOW_SKIP='TestAccSecurity_noSecretsInTraceLogs'
exec scripts/testacc.sh "$@"
