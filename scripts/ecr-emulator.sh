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
# exclusion filters, so moto would drop them silently; the newer ECR service model from the same
# suite's python3-botocore is laid over it in the emulator's private HOME (botocore's loader
# searches ~/.aws/models first; AWS_DATA_PATH is not honoured by moto's loader here).
set -euo pipefail

EMU_HOME="${ECR_EMULATOR_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/ecrgov-ecr-emulator}"
PORT="${ECR_EMULATOR_PORT:-4566}"
HOST=127.0.0.1
MIN_MOTO=5.1.11
SUITES=(forky sid)
PID_FILE="$EMU_HOME/moto-$PORT.pid"
LOG_FILE="$EMU_HOME/moto-$PORT.log"
SITE="$EMU_HOME/root/usr/lib/python3/dist-packages"
MODEL_DIR="$EMU_HOME/home/.aws/models/ecr/2015-09-21"

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

model_ok() {
  [ -f "$MODEL_DIR/service-2.json" ] && grep -q imageTagMutabilityExclusionFilters "$MODEL_DIR/service-2.json"
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

fetch_from_suite() {
  local suite=$1
  local dl="$EMU_HOME/debs/$suite"
  log "looking for python3-moto >= $MIN_MOTO in Debian $suite"
  private_apt apt-get "$suite" update >/dev/null 2>&1 || { log "$suite: apt update failed"; return 1; }
  local v
  v=$(private_apt apt-cache "$suite" show python3-moto 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n1)
  [ -n "$v" ] || { log "$suite: python3-moto not found"; return 1; }
  version_ge "${v%%-*}" "$MIN_MOTO" || { log "$suite: python3-moto $v is older than $MIN_MOTO"; return 1; }
  rm -rf "$dl" && mkdir -p "$dl"
  (cd "$dl" && private_apt apt-get "$suite" download python3-moto python3-botocore >/dev/null 2>&1) ||
    { log "$suite: download failed"; return 1; }
  rm -rf "$EMU_HOME/root" "$EMU_HOME/botocore-new"
  dpkg-deb -x "$dl"/python3-moto_*.deb "$EMU_HOME/root"
  dpkg-deb -x "$dl"/python3-botocore_*.deb "$EMU_HOME/botocore-new"
  mkdir -p "$MODEL_DIR"
  local src="$EMU_HOME/botocore-new/usr/lib/python3/dist-packages/botocore/data/ecr/2015-09-21"
  if [ -f "$src/service-2.json.gz" ]; then
    gzip -dc "$src/service-2.json.gz" >"$MODEL_DIR/service-2.json"
  else
    cp "$src/service-2.json" "$MODEL_DIR/service-2.json"
  fi
  # Only the ECR model is wanted; the rest of the newer botocore would shadow bookworm's.
  rm -rf "$EMU_HOME/botocore-new"
  return 0
}

cmd_install() {
  mkdir -p "$EMU_HOME"
  local have
  if have=$(installed_version) && version_ge "$have" "$MIN_MOTO" && model_ok && patches_ok && need_cmd curl; then
    log "moto $have already installed"
    return 0
  fi
  install_system_deps
  local ok=""
  for s in "${SUITES[@]}"; do
    if fetch_from_suite "$s"; then ok=$s; break; fi
  done
  [ -n "$ok" ] || die "no Debian suite (${SUITES[*]}) offers python3-moto >= $MIN_MOTO; cannot install the emulator"
  have=$(installed_version) || die "moto did not unpack into $SITE"
  version_ge "$have" "$MIN_MOTO" || die "unpacked moto $have is older than $MIN_MOTO"
  model_ok || die "the ECR model overlay does not know imageTagMutabilityExclusionFilters"
  /usr/bin/python3 "$PATCHER" "$SITE" || die "could not patch moto; see the lines above"
  log "installed moto $have from Debian $ok"
}

# The patches a running emulator was started with: an emulator this script started before the
# patches changed is restarted, so tests never run against stale behaviour.
PATCHES_STAMP="$EMU_HOME/moto-$PORT.patches"
patches_hash() { cat "$PATCHER" "$(dirname "$PATCHER")"/moto_ecr*.py "$(dirname "$PATCHER")"/moto_ecr*.json | sha256sum | cut -d' ' -f1; }

cmd_start() {
  if answers; then
    if [ -f "$PID_FILE" ] && [ "$(cat "$PATCHES_STAMP" 2>/dev/null)" != "$(patches_hash)" ]; then
      log "the emulator patches changed since it started; restarting it"
      cmd_stop
    else
      log "already answering at $(endpoint)"
      return 0
    fi
  fi
  installed_version >/dev/null || cmd_install
  # An emulator unpacked before the patches changed gets them now (they are idempotent). When a
  # patch itself changed, the old copy no longer matches: unpack moto afresh and patch that.
  if ! patches_ok && ! /usr/bin/python3 "$PATCHER" "$SITE" 2>/dev/null; then
    log "the unpacked moto does not take the current patches; installing it afresh"
    rm -rf "$SITE/moto"
    cmd_install
  fi
  mkdir -p "$EMU_HOME/home"
  # A clean environment: the system python3, not a pyenv one on PATH, and no proxies or AWS
  # variables from the caller's shell.
  env -i PATH=/usr/bin:/bin HOME="$EMU_HOME/home" PYTHONPATH="$SITE" \
    setsid /usr/bin/python3 -m moto.server -H "$HOST" -p "$PORT" >"$LOG_FILE" 2>&1 </dev/null &
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
    echo "running at $(endpoint) (moto $(installed_version || echo unknown))"
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
