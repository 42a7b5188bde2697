#!/usr/bin/env bash
# Prints the provider's footprint: binary size (as released: -s -w -trimpath), release zip size,
# and the wall time and peak RSS (medians of RUNS) of `terraform validate` and of a `plan` of a
# configuration that only configures the provider and renders one policy document.
#   scripts/bench-footprint.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
work="$(pwd)/.build/footprint"
rm -rf "$work" && mkdir -p "$work/config" "$work/bin"
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null

CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=0.1.0" -o "$work/bin/terraform-provider-ecrgov" .
(cd "$work/bin" && zip -q -X provider.zip terraform-provider-ecrgov)
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "ecrgov/ecrgov" = "$work/bin"
  }
  direct {}
}
RC
cat >"$work/config/main.tf" <<'TF'
terraform {
  required_providers {
    ecrgov = { source = "ecrgov/ecrgov" }
  }
}

provider "ecrgov" {
  region     = "us-east-1"
  endpoint   = "http://127.0.0.1:4566"
  access_key = "test"
  secret_key = "test"
}

data "ecrgov_lifecycle_policy_document" "keep_one" {
  rule {
    priority = 1
    selection {
      tag_status   = "untagged"
      count_type   = "imageCountMoreThan"
      count_number = 1
    }
    action {
      type = "expire"
    }
  }
}
TF
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() { # command... -> "median_seconds median_rss_kib"
  local ts=() rs=()
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1
    read -r t r <"$work/t"; ts+=("$t"); rs+=("$r")
  done
  echo "$(printf '%s\n' "${ts[@]}" | median) $(printf '%s\n' "${rs[@]}" | median)"
}
# The provider's own peak RSS, sampled while a plan runs.
provider_rss() {
  (terraform -chdir="$work/config" plan -no-color >/dev/null 2>&1 &)
  local peak=0
  for _ in $(seq 1 100); do
    for pid in $(pgrep -f "$work/bin/terraform-provider-ecrgov" || true); do
      r=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${r:-0}" -gt "$peak" ] && peak=$r
    done
    sleep 0.02
  done
  echo "$peak"
}
read -r vt vr < <(measure terraform -chdir="$work/config" validate -no-color)
read -r pt pr < <(measure terraform -chdir="$work/config" plan -no-color)
prss=$(provider_rss)
bin=$(stat -c %s "$work/bin/terraform-provider-ecrgov")
zip=$(stat -c %s "$work/bin/provider.zip")
awk -v bin="$bin" -v zip="$zip" -v vt="$vt" -v vr="$vr" -v pt="$pt" -v pr="$pr" -v prss="$prss" -v runs="$runs" 'BEGIN {
  printf "footprint: binary %.1f MB, release zip %.1f MB\n", bin/1e6, zip/1e6
  printf "footprint: terraform validate %.2f s (peak RSS %.0f MiB), plan %.2f s (peak RSS %.0f MiB), medians of %d\n", vt, vr/1024, pt, pr/1024, runs
  printf "footprint: the provider process peak RSS during plan: %.0f MiB\n", prss/1024
}'
