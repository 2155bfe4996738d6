#!/usr/bin/env bash
# Install the system packages reportgen needs to make PDFs (Debian 12, run as root).
#
#   - LibreOffice Writer, headless        (libreoffice-writer-nogui)
#   - LibreOffice Calc, headless          (libreoffice-calc-nogui: the test that opens 汇总.xlsx)
#   - pdftoppm / pdffonts / pdftotext     (poppler-utils)
#   - Noto Serif/Sans CJK SC              (fonts-noto-cjk)      -> 宋体, 小标宋, 黑体
#   - AR PL UKai CN                       (fonts-arphic-ukai)   -> 楷体_GB2312
#   - Liberation Serif (Times New Roman metrics) (fonts-liberation) -> numbers and Latin
#   - HanaMinB                            (fonts-hanazono)      -> fallback for CJK Extension B (𠀀)
#   - fc-match / fc-cache                 (fontconfig)
#   - pgrep                               (procps: tests/test_kill_publish.py looks for LibreOffice left running)
#   - tesseract + Simplified Chinese data (tesseract-ocr, tesseract-ocr-chi-sim) -> import/check --ocr
#                                          of scanned PDFs (the tests of OCR run it, never skip)
#   - Chromium, headless                  (chromium)            -> the web page measured at phone
#                                          and desktop widths (tests/test_html_phone.py)
#   - FandolFang-Regular.otf              (unpacked from texlive-lang-chinese, without
#                                          installing TeX)      -> 仿宋_GB2312
#
# The aliases from the official Windows font names to these fonts live in
# reportgen/fonts/fonts.conf.
#
# Also (scripts/install-ooxml-validator.sh): Node and npm where missing, and Microsoft's Open XML SDK
# validator (npm @ooxml-tools/validate) into tools/ooxml-validate/node_modules for the tests.
#
# Idempotent: when everything is already present it returns at once without touching apt.
set -euo pipefail

bash "$(dirname "$0")/install-ooxml-validator.sh"

PACKAGES=(libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai fonts-liberation fonts-hanazono fontconfig
          tesseract-ocr tesseract-ocr-chi-sim procps chromium)
TOOLS=(soffice pdftoppm pdffonts pdftotext fc-match fc-cache fc-list tesseract pgrep chromium)
FANDOL_DIR=/usr/local/share/fonts/fandol
# Wait (instead of failing) when another apt/dpkg run holds the lock.
APT_OPTS=(-o DPkg::Lock::Timeout=900 -o Acquire::Retries=3)

export DEBIAN_FRONTEND=noninteractive

log() { printf 'install-system-deps: %s\n' "$*" >&2; }

packages_missing() {
    local pkg status
    for pkg in "${PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
        [[ "$status" == installed ]] || return 0
    done
    local tool
    for tool in "${TOOLS[@]}"; do
        command -v "$tool" >/dev/null 2>&1 || return 0
    done
    return 1
}

fandol_missing() {
    ! compgen -G "$FANDOL_DIR/FandolFang*.otf" >/dev/null
}

need_packages=false
need_fandol=false
packages_missing && need_packages=true
fandol_missing && need_fandol=true

if ! $need_packages && ! $need_fandol; then
    log "already installed, nothing to do"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    log "must be run as root (missing: packages=$need_packages fandol=$need_fandol)"
    exit 1
fi

log "apt-get update"
apt-get "${APT_OPTS[@]}" update -qq

if $need_packages; then
    log "installing ${PACKAGES[*]}"
    apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "${PACKAGES[@]}"
fi

if $need_fandol; then
    log "extracting FandolFang from texlive-lang-chinese (TeX itself is not installed)"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    # apt downloads as the unprivileged _apt user when it can write to the directory.
    if id _apt >/dev/null 2>&1; then chown _apt "$tmp"; fi
    (cd "$tmp" && apt-get "${APT_OPTS[@]}" download -qq texlive-lang-chinese)
    deb=$(find "$tmp" -maxdepth 1 -name 'texlive-lang-chinese_*.deb' -print -quit)
    [[ -n "$deb" ]] || { log "apt-get download texlive-lang-chinese produced no .deb"; exit 1; }
    dpkg-deb -x "$deb" "$tmp/root"
    mapfile -t fonts < <(find "$tmp/root" -type f -name 'FandolFang*.otf')
    if [[ ${#fonts[@]} -eq 0 ]]; then
        log "no FandolFang*.otf inside $(basename "$deb")"
        exit 1
    fi
    install -d -m 0755 "$FANDOL_DIR"
    install -m 0644 "${fonts[@]}" "$FANDOL_DIR/"
    log "installed ${fonts[*]##*/} into $FANDOL_DIR"
fi

fc-cache -f
for family in 'FandolFang R' 'Noto Serif CJK SC' 'Noto Sans CJK SC' 'AR PL UKai CN' 'HanaMinB'; do
    if ! fc-list ":family=$family" family | grep -q .; then
        log "font family '$family' is still missing after installation"
        exit 1
    fi
done
log "done"
