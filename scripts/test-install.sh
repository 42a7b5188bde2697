#!/usr/bin/env bash
# Proves that a release installs the way users install providers, offline:
#   1. build the host platform's release artifact exactly as .goreleaser.yml names it
#      (go build with goreleaser's flags; goreleaser itself costs minutes to install, so this
#      test does not need it — `goreleaser check` runs when goreleaser is on PATH);
#   2. lay it out as a filesystem_mirror for registry.terraform.io/ecrgov/ecrgov;
#   3. `terraform init` a fresh copy of examples/quickstart that pins "~> MAJOR.MINOR" with a CLI
#      configuration that can only use that mirror, and check the lock file's hash;
#   4. plan, apply and destroy it against the local ECR emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=${VERSION:-0.1.0}
os=$(go env GOOS) arch=$(go env GOARCH)
name=terraform-provider-ecrgov
work="$root/.build/install-test"
rm -rf "$work" && mkdir -p "$work/dist" "$work/mirror" "$work/config"

if command -v goreleaser >/dev/null 2>&1; then
  goreleaser check
fi

echo "install: building ${name}_${version}_${os}_${arch}.zip"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$work/dist/${name}_v${version}" .
(cd "$work/dist" && zip -q -X "${name}_${version}_${os}_${arch}.zip" "${name}_v${version}" &&
  cp "$root/terraform-registry-manifest.json" "${name}_${version}_manifest.json" &&
  sha256sum "${name}_${version}_${os}_${arch}.zip" "${name}_${version}_manifest.json" >"${name}_${version}_SHA256SUMS" &&
  sha256sum -c --quiet "${name}_${version}_SHA256SUMS")
# The listing is read whole before it is searched: `unzip -l | grep -q` under pipefail fails when
# grep stops reading first and unzip dies of SIGPIPE, which a loaded machine makes happen.
listing=$(unzip -l "$work/dist/${name}_${version}_${os}_${arch}.zip")
grep -q " ${name}_v${version}$" <<<"$listing" || { echo "install: the zip does not hold ${name}_v${version}" >&2; exit 1; }
"$work/dist/${name}_v${version}" --help >/dev/null 2>&1 || true

# A packed filesystem mirror: HOSTNAME/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_OS_ARCH.zip
mirror_dir="$work/mirror/registry.terraform.io/ecrgov/ecrgov"
mkdir -p "$mirror_dir"
cp "$work/dist/${name}_${version}_${os}_${arch}.zip" "$mirror_dir/"
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/ecrgov/ecrgov"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
unset TF_PLUGIN_CACHE_DIR

scripts/ecr-emulator.sh start >/dev/null
endpoint=$(scripts/ecr-emulator.sh endpoint)
cp examples/quickstart/*.tf "$work/config/"
constraint="~> ${version%.*}"
sed -i "s|source = \"ecrgov/ecrgov\"|source  = \"ecrgov/ecrgov\"\n      version = \"$constraint\"|" "$work/config/main.tf"
# Names of its own, so this test never meets the demo's repository.
sed -i 's|quickstart|install-test|g' "$work/config/main.tf" # the repository, and the template prefix (registry-wide)
cd "$work/config"
terraform init -input=false -no-color >init.log 2>&1 || { cat init.log >&2; exit 1; }
grep -q "Installed ecrgov/ecrgov v$version" init.log || { cat init.log >&2; echo "install: init did not install v$version from the mirror" >&2; exit 1; }

# From a filesystem mirror, terraform records the h1: hash of the zip's contents (zh: hashes come
# only from a registry's signed SHA256SUMS); compute it independently.
want=$(cd "$root" && go run ./scripts/zip-hash "$work/dist/${name}_${version}_${os}_${arch}.zip")
grep -q "\"$want\"" .terraform.lock.hcl || { cat .terraform.lock.hcl >&2; echo "install: the lock file lacks $want" >&2; exit 1; }
grep -q "version     = \"$version\"" .terraform.lock.hcl || { echo "install: the lock file does not record $version" >&2; exit 1; }
echo "install: terraform init installed v$version from the mirror; lock file records $want"

terraform plan -input=false -no-color -var "endpoint=$endpoint" -out plan.tfplan >plan.log 2>&1 || { cat plan.log >&2; exit 1; }
terraform apply -input=false -no-color plan.tfplan >apply.log 2>&1 || { cat apply.log >&2; exit 1; }
grep -q "Apply complete" apply.log
terraform destroy -auto-approve -input=false -no-color -var "endpoint=$endpoint" >destroy.log 2>&1 || { cat destroy.log >&2; exit 1; }
grep -q "Destroy complete" destroy.log
echo "install: plan, apply and destroy of the quickstart with the installed provider: ok"
