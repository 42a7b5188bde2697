#!/usr/bin/env bash
# Prints the path of a pinned developer tool, installing it first when it is missing.
#
#   scripts/tool.sh tfplugindocs | golangci-lint | opa
#
# Tools are built from the Go module proxy (no binary downloads, which fail on these machines)
# and kept under the Go module cache, so that a machine that already built them, or CI on the
# same machine, does not pay minutes again. The version is part of the file name: bumping a pin
# below installs the new one beside the old.
set -euo pipefail

name=${1:?usage: scripts/tool.sh NAME}
case "$name" in
  tfplugindocs) pkg=github.com/hashicorp/terraform-plugin-docs/cmd/tfplugindocs version=v0.25.0 ;;
  golangci-lint) pkg=github.com/golangci/golangci-lint/v2/cmd/golangci-lint version=v2.15.0 ;;
  opa) pkg=github.com/open-policy-agent/opa version=v1.22.3 ;;
  goreleaser) pkg=github.com/goreleaser/goreleaser/v2 version=v2.15.1 ;;
  *) echo "tool.sh: unknown tool $name" >&2; exit 2 ;;
esac

dir="$(go env GOMODCACHE)/cache/ecrgov-tools"
bin="$dir/$name-$version"
if [ ! -x "$bin" ]; then
  echo "tool.sh: installing $name $version (once per machine)" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  # GOFLAGS from the caller (such as -mod=vendor) must not leak into a tool install.
  GOFLAGS= GOBIN="$tmp" go install "$pkg@$version"
  mkdir -p "$dir"
  mv "$tmp/$name" "$bin"
fi
printf '%s\n' "$bin"
