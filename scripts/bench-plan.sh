#!/usr/bin/env bash
# Prints how long `terraform plan` takes, and its peak RSS, for N repositories that each have a
# mutability overlay and a lifecycle policy (3N resources) against the local ECR emulator, beside
# Terraform's own floor: a plan of 3N terraform_data resources. Also prints the emulator's CPU
# time during the ecrgov plan, which is not the provider's cost.
#   scripts/bench-plan.sh N [RUNS]      (default RUNS=3; figures are medians)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:?usage: scripts/bench-plan.sh N [RUNS]}
runs=${2:-3}
root=$(pwd)
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
scripts/ecr-emulator.sh start >/dev/null
endpoint=$(scripts/ecr-emulator.sh endpoint)
export TF_CLI_CONFIG_FILE=$(scripts/dev-provider.sh) TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
work="$root/.build/bench-plan-$n"
rm -rf "$work" && mkdir -p "$work/ecrgov" "$work/floor"
prefix="bench-$(date +%s)"

cat >"$work/ecrgov/main.tf" <<TF
terraform {
  required_providers {
    ecrgov = {
      source = "ecrgov/ecrgov"
    }
  }
}

provider "ecrgov" {
  region     = "us-east-1"
  endpoint   = "$endpoint"
  access_key = "test"
  secret_key = "test"
}

resource "ecrgov_repository" "r" {
  count        = $n
  name         = format("$prefix/r%04d", count.index)
  force_delete = true
}

resource "ecrgov_repository_tag_mutability" "r" {
  count                = $n
  repository           = ecrgov_repository.r[count.index].name
  image_tag_mutability = "IMMUTABLE"
}

resource "ecrgov_lifecycle_policy" "r" {
  count      = $n
  repository = ecrgov_repository.r[count.index].name
  rule {
    priority = 1
    selection {
      tag_status   = "untagged"
      count_type   = "sinceImagePushed"
      count_unit   = "days"
      count_number = 7
    }
    action {
      type = "expire"
    }
  }
}
TF
cat >"$work/floor/main.tf" <<TF
resource "terraform_data" "r" {
  count = $((3 * n))
  input = count.index
}
TF

apply() { (cd "$1" && terraform apply -auto-approve -input=false -no-color >apply.log 2>&1) || { cat "$1/apply.log" >&2; exit 1; }; }
echo "bench-plan: applying $((3 * n)) ecrgov resources and $((3 * n)) terraform_data resources"
apply "$work/ecrgov"
apply "$work/floor"

# The emulator's CPU time in clock ticks (utime + stime from /proc), to tell its cost apart.
moto_pid=$(cat "${ECR_EMULATOR_HOME:-$HOME/.cache/ecrgov-ecr-emulator}/moto-${ECR_EMULATOR_PORT:-4566}.pid" 2>/dev/null || true)
ticks=$(getconf CLK_TCK)
moto_cpu() { [ -n "$moto_pid" ] && awk '{print $14 + $15}' "/proc/$moto_pid/stat" 2>/dev/null || echo 0; }

# measure DIR -> "seconds rss_kib"
measure() {
  /usr/bin/time -f '%e %M' -o "$1/time.txt" terraform -chdir="$1" plan -input=false -no-color -detailed-exitcode >"$1/plan.log" 2>&1 || {
    code=$?; [ "$code" -eq 2 ] && { echo "bench-plan: the plan of $1 is not empty" >&2; exit 1; }; cat "$1/plan.log" >&2; exit 1; }
  cat "$1/time.txt"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

declare -a es er fs fr ms
for i in $(seq 1 "$runs"); do
  before=$(moto_cpu)
  read -r s r < <(measure "$work/ecrgov")
  after=$(moto_cpu)
  es+=("$s"); er+=("$r"); ms+=("$(awk -v d="$((after - before))" -v t="$ticks" 'BEGIN {printf "%.2f", d / t}')")
  read -r s r < <(measure "$work/floor")
  fs+=("$s"); fr+=("$r")
done
e=$(printf '%s\n' "${es[@]}" | median); f=$(printf '%s\n' "${fs[@]}" | median)
erss=$(printf '%s\n' "${er[@]}" | median); frss=$(printf '%s\n' "${fr[@]}" | median)
m=$(printf '%s\n' "${ms[@]}" | median)
awk -v n="$n" -v e="$e" -v f="$f" -v er="$erss" -v fr="$frss" -v m="$m" -v runs="$runs" 'BEGIN {
  printf "bench-plan: N=%d (%d resources), median of %d runs\n", n, 3*n, runs
  printf "  ecrgov plan:         %6.2f s   peak RSS %6.1f MiB (terraform)\n", e, er/1024
  printf "  terraform_data plan: %6.2f s   peak RSS %6.1f MiB\n", f, fr/1024
  printf "  emulator CPU during the ecrgov plan: %.2f s\n", m
  printf "  ratio ecrgov/floor: %.2fx; excluding the emulator'"'"'s CPU: %.2fx\n", e/f, (e-m)/f
}'
(cd "$work/ecrgov" && terraform destroy -auto-approve -input=false -no-color >destroy.log 2>&1) || { cat "$work/ecrgov/destroy.log" >&2; exit 1; }
