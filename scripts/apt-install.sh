#!/usr/bin/env bash
# Installs Debian packages the tooling needs (for example pyflakes3 for `make lint`) on a machine
# that has only Go, terraform and apt, as CI's does: apt-get update once, then install, as root or
# through sudo.
#   scripts/apt-install.sh PACKAGE...
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "apt-install: installing $*" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
