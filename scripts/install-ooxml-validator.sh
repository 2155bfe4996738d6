#!/usr/bin/env bash
# Install Microsoft's Open XML SDK validator (npm @ooxml-tools/validate, pinned in
# tools/ooxml-validate/package-lock.json) into tools/ooxml-validate/node_modules (git-ignored), where
# tests/test_ooxml_valid.py finds it offline. Node and npm come from Debian's packages where missing
# (installing those needs root). Idempotent: returns at once when the pinned version is installed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="$here/tools/ooxml-validate"
APT_OPTS=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)
log() { printf 'install-ooxml-validator: %s\n' "$*" >&2; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    if [[ $(id -u) -ne 0 ]]; then
        log "node/npm missing and not root: run as root, or install nodejs and npm"
        exit 1
    fi
    log "installing nodejs npm"
    export DEBIAN_FRONTEND=noninteractive
    apt-get "${APT_OPTS[@]}" update -qq
    apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends nodejs npm
fi

want=$(node -e 'console.log(require(process.argv[1]).dependencies["@ooxml-tools/validate"])' "$dir/package.json")
have=$(node -e 'try { console.log(require(process.argv[1]).version) } catch { console.log("") }' \
    "$dir/node_modules/@ooxml-tools/validate/package.json")
if [[ "$have" == "$want" ]]; then
    log "@ooxml-tools/validate $have already installed"
    exit 0
fi
log "installing @ooxml-tools/validate $want into $dir/node_modules"
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
log "done"
