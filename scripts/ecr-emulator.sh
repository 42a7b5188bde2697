#!/usr/bin/env bash
# Local Amazon ECR emulator (moto) for the demo and the acceptance tests.
#
#   scripts/ecr-emulator.sh install   bring moto >= 5.1.11 onto a Debian 12 machine, apt only
#   scripts/ecr-emulator.sh start     run it on 127.0.0.1:$ECR_EMULATOR_PORT (default 4566)
#   scripts/ecr-emulator.sh stop      end the PID that `start` recorded, and nothing else
#   scripts/ecr-emulator.sh status    say whether it answers; exit 0 only when it does
#   scripts/ecr-emulator.sh endpoint  print the endpoint URL
#   scripts/ecr-emulator.sh reset     clear all emulator state
#
# Why this shape: Debian 12 ships moto 4.1, which lacks the tag-mutability exclusion filters,
# and PyPI is not reachable here. A newer python3-moto .deb (pure Python) from forky or sid runs
# on bookworm's own python3 libraries. bookworm's botocore 1.29 is too old to describe the
# exclusion filters, so moto would drop them silently; the newest ECR service model (sid's
# python3-botocore) is laid over it in the emulator's private HOME (botocore's loader
# searches ~/.aws/models first; AWS_DATA_PATH is not honoured by moto's loader here).
set -euo pipefail

EMU_HOME="${ECR_EMULATOR_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/ecrgov-ecr-emulator}"
PORT="${ECR_EMULATOR_PORT:-4566}"
HOST=127.0.0.1
MIN_MOTO=5.1.11
# The moto release the suite last passed with: taken when a suite still offers it; otherwise the
# newest offered release that scripts/moto-patches.py can patch.
KNOWN_GOOD_MOTO=${ECR_EMULATOR_MOTO:-5.1.18}
SUITES=(forky sid)
MODEL_SUITE=sid
PID_FILE="$EMU_HOME/moto-$PORT.pid"
LOG_FILE="$EMU_HOME/moto-$PORT.log"
# A complete install is one folder, renamed into place only when it is whole: moto unpacked and
# patched, the ECR model overlay, and the VERSION line. Downloads are kept in debs/ by file name.
INSTALL="$EMU_HOME/install"
SITE="$INSTALL/root/usr/lib/python3/dist-packages"
MODEL_DIR="$INSTALL/home/.aws/models/ecr/2015-09-21"
LOCK_FILE="$EMU_HOME/.lock"

# bookworm's own libraries that moto's ECR and server modules import.
APT_DEPS=(python3-werkzeug python3-flask python3-flask-cors python3-boto3 python3-botocore
  python3-responses python3-xmltodict python3-jinja2 python3-cryptography python3-dateutil
  python3-requests python3-yaml)

log() { printf 'ecr-emulator: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

endpoint() { printf 'http://%s:%s\n' "$HOST" "$PORT"; }

answers() { curl -fsS -o /dev/null --max-time 2 "$(endpoint)/moto-api/" 2>/dev/null; }

version_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

installed_version() {
  [ -f "$SITE/moto/__init__.py" ] || return 1
  sed -n 's/^__version__ = "\(.*\)"/\1/p' "$SITE/moto/__init__.py" | head -n1
}

# moto deviates from ECR in a few places the tests depend on (its lifecycle policy schema
# predates the archive storage class, exclusion filters are regexes, DescribeImages does not
# page, ...). scripts/moto-patches.py fixes each in the unpacked copy and checks the result.
PATCHER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/moto-patches.py"
patches_ok() { /usr/bin/python3 "$PATCHER" "$SITE" --check 2>/dev/null; }

# The model must know the signing operations: an older one would let the model check miss them.
model_ok() {
  [ -f "$MODEL_DIR/service-2.json" ] && grep -q PutSigningConfiguration "$MODEL_DIR/service-2.json"
}

need_cmd() { command -v "$1" >/dev/null 2>&1; }

install_system_deps() {
  local missing=()
  for p in "${APT_DEPS[@]}" curl; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing from apt: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A private apt configuration: the system's sources, lists and cache are left untouched.
private_apt() {
  local tool=$1 suite=$2
  shift 2
  local dir="$EMU_HOME/apt/$suite"
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial"
  printf 'deb http://deb.debian.org/debian %s main\n' "$suite" >"$dir/sources.list"
  "$tool" -qq \
    -o Dir::Etc::SourceList="$dir/sources.list" \
    -o Dir::Etc::SourceParts=/dev/null \
    -o Dir::State::Lists="$dir/lists" \
    -o Dir::Cache="$dir/cache" \
    -o Debug::NoLocking=1 \
    -o APT::Sandbox::User=root \
    "$@"
}

# What each suite offers: "suite version" lines for python3-moto >= MIN_MOTO.
offered_motos() {
  local suite v
  for suite in "${SUITES[@]}"; do
    private_apt apt-get "$suite" update >/dev/null 2>&1 || { log "$suite: apt update failed"; continue; }
    v=$(private_apt apt-cache "$suite" show python3-moto 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n1)
    if [ -z "$v" ]; then log "$suite: python3-moto not found"; continue; fi
    if ! version_ge "${v%%-*}" "$MIN_MOTO"; then log "$suite: python3-moto $v is older than $MIN_MOTO"; continue; fi
    printf '%s %s\n' "$suite" "$v"
  done
}

# The order to try them in: the known-good release first, then the newest first.
ordered_candidates() {
  local offered
  offered=$(offered_motos)
  printf '%s\n' "$offered" | awk -v good="$KNOWN_GOOD_MOTO" 'NF == 2 { split($2, u, "-"); if (u[1] == good) print }'
  printf '%s\n' "$offered" | awk -v good="$KNOWN_GOOD_MOTO" 'NF == 2 { split($2, u, "-"); if (u[1] != good) print }' |
    sort -k2,2Vr
}

# download SUITE PACKAGE VERSION: the .deb's path, from debs/ when an earlier install fetched it.
download() {
  local suite=$1 pkg=$2 version=$3 dir="$EMU_HOME/debs"
  local file="$dir/${pkg}_${version//:/%3a}_all.deb"
  if [ ! -s "$file" ]; then
    local tmp
    tmp=$(mktemp -d "$dir.XXXXXX")
    (cd "$tmp" && private_apt apt-get "$suite" download "$pkg=$version" >/dev/null 2>&1) ||
      { rm -rf "$tmp"; log "$suite: downloading $pkg $version failed"; return 1; }
    mkdir -p "$dir"
    mv "$tmp"/*.deb "$file"
    rm -rf "$tmp"
  fi
  printf '%s\n' "$file"
}

# build_install DEST SUITE VERSION: unpack moto and the ECR model into DEST and patch it.
build_install() {
  local dest=$1 suite=$2 version=$3 moto_deb botocore_deb botocore_version
  moto_deb=$(download "$suite" python3-moto "$version") || return 1
  # The ECR model comes from sid, whatever suite moto comes from: it is the newest (signing,
  # referrers, archive and pull-time shapes), and moto_ecrgov.py checks every request against it.
  private_apt apt-get "$MODEL_SUITE" update >/dev/null 2>&1 || true
  botocore_version=$(private_apt apt-cache "$MODEL_SUITE" show python3-botocore 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n1)
  [ -n "$botocore_version" ] || { log "$MODEL_SUITE: python3-botocore not found"; return 1; }
  botocore_deb=$(download "$MODEL_SUITE" python3-botocore "$botocore_version") || return 1
  dpkg-deb -x "$moto_deb" "$dest/root"
  local model_dir="$dest/home/.aws/models/ecr/2015-09-21" unpacked="$dest/botocore"
  dpkg-deb -x "$botocore_deb" "$unpacked"
  local src="$unpacked/usr/lib/python3/dist-packages/botocore/data/ecr/2015-09-21"
  mkdir -p "$model_dir"
  if [ -f "$src/service-2.json.gz" ]; then
    gzip -dc "$src/service-2.json.gz" >"$model_dir/service-2.json"
  else
    cp "$src/service-2.json" "$model_dir/service-2.json"
  fi
  # Only the ECR model is wanted; the rest of the newer botocore would shadow bookworm's.
  rm -rf "$unpacked"
  grep -q PutSigningConfiguration "$model_dir/service-2.json" ||
    { log "$MODEL_SUITE: the ECR model does not know PutSigningConfiguration"; return 1; }
  /usr/bin/python3 "$PATCHER" "$dest/root/usr/lib/python3/dist-packages" ||
    { log "moto $version from $suite does not take the patches"; return 1; }
  printf 'moto %s from Debian %s (model from %s python3-botocore %s)\n' "${version%%-*}" "$suite" "$MODEL_SUITE" "$botocore_version" >"$dest/VERSION"
}

installed_ok() {
  local have
  [ -f "$INSTALL/VERSION" ] && have=$(installed_version) && version_ge "$have" "$MIN_MOTO" && model_ok && patches_ok
}

# Runs "$@" holding the emulator home's lock, so that two installs or starts (two test packages,
# two shells) never unpack over each other or start two emulators on one port.
locked() {
  mkdir -p "$EMU_HOME"
  (
    flock 9
    "$@"
  ) 9>"$LOCK_FILE"
}

do_install() {
  if installed_ok; then
    log "$(cat "$INSTALL/VERSION") already installed"
    return 0
  fi
  install_system_deps
  local candidates suite version tmp
  candidates=$(ordered_candidates)
  [ -n "$candidates" ] || die "no Debian suite (${SUITES[*]}) offers python3-moto >= $MIN_MOTO; cannot install the emulator"
  while read -r suite version; do
    tmp=$(mktemp -d "$EMU_HOME/.install.XXXXXX")
    if build_install "$tmp" "$suite" "$version"; then
      rm -rf "$EMU_HOME/.install.old"
      [ ! -e "$INSTALL" ] || mv "$INSTALL" "$EMU_HOME/.install.old"
      mv "$tmp" "$INSTALL"
      rm -rf "$EMU_HOME/.install.old"
      installed_ok || die "the install in $INSTALL does not check out"
      log "installed $(cat "$INSTALL/VERSION")"
      return 0
    fi
    rm -rf "$tmp"
  done <<<"$candidates"
  die "no offered python3-moto takes the patches in scripts/moto-patches.py: $(echo "$candidates" | tr '\n' ' ')"
}

cmd_install() { locked do_install; }

# The patches a running emulator was started with: an emulator this script started before the
# patches changed is restarted, so tests never run against stale behaviour.
PATCHES_STAMP="$EMU_HOME/moto-$PORT.patches"
patches_hash() { cat "$PATCHER" "$(dirname "$PATCHER")"/moto_ecr*.py | sha256sum | cut -d' ' -f1; }

do_start() {
  if answers; then
    # An emulator that this home did not start (another checkout's, or another home's) may run
    # other patches: tests against it would test something else, so it is refused, not reused.
    if [ ! -f "$PID_FILE" ] || ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
      die "an emulator that $EMU_HOME did not start answers at $(endpoint); stop it, or set ECR_EMULATOR_PORT to a free port"
    fi
    if [ "$(cat "$PATCHES_STAMP" 2>/dev/null)" != "$(patches_hash)" ]; then
      log "the emulator patches changed since it started; restarting it"
      cmd_stop
    else
      log "already answering at $(endpoint)"
      return 0
    fi
  fi
  # A missing install, or one patched by older scripts, is built afresh (from the kept .debs).
  installed_ok || do_install
  log "using $(cat "$INSTALL/VERSION")"
  # A clean environment: the system python3, not a pyenv one on PATH, and no proxies or AWS
  # variables from the caller's shell. The emulator must not inherit the lock (fd 9), or it would
  # hold it for as long as it runs and every later start would wait forever.
  env -i PATH=/usr/bin:/bin HOME="$INSTALL/home" PYTHONPATH="$SITE" \
    setsid /usr/bin/python3 -m moto.server -H "$HOST" -p "$PORT" >"$LOG_FILE" 2>&1 </dev/null 9>&- &
  echo $! >"$PID_FILE"
  for _ in $(seq 1 150); do
    if answers; then
      patches_hash >"$PATCHES_STAMP"
      log "started at $(endpoint) (pid $(cat "$PID_FILE"))"
      return 0
    fi
    kill -0 "$(cat "$PID_FILE")" 2>/dev/null || { tail -n 20 "$LOG_FILE" >&2; die "moto exited during start"; }
    sleep 0.2
  done
  tail -n 20 "$LOG_FILE" >&2
  die "moto did not answer within 30 s"
}

cmd_start() { locked do_start; }

cmd_stop() {
  [ -f "$PID_FILE" ] || { log "not started by this script on port $PORT"; return 0; }
  local pid
  pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    log "stopped pid $pid"
  fi
  rm -f "$PID_FILE"
}

cmd_status() {
  if answers; then
    echo "running at $(endpoint) ($(cat "$INSTALL/VERSION" 2>/dev/null || echo "moto $(installed_version || echo unknown)"))"
  else
    echo "not running at $(endpoint)"
    return 1
  fi
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  endpoint) endpoint ;;
  reset) curl -fsS -X POST "$(endpoint)/moto-api/reset" >/dev/null ;;
  *) echo "usage: $0 {install|start|stop|status|endpoint|reset}" >&2; exit 2 ;;
esac
