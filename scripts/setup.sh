#!/usr/bin/env bash
# Install what Recto needs on a fresh Debian machine, idempotently and quietly.
# Usage: scripts/setup.sh [--test|--bench]   (adds the test tools; --bench also ocrmypdf)
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # OCR: Tesseract and the language packs Recto offers
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-deu tesseract-ocr-rus
  tesseract-ocr-jpn tesseract-ocr-jpn-vert tesseract-ocr-kor tesseract-ocr-osd
  # Qt wheel runtime (offscreen and xcb) and a virtual screen
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfreetype6 libfontconfig1 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1 libx11-xcb1
  xvfb xauth
  # Japanese and Korean glyphs in Qt widgets
  fonts-noto-cjk
  # a TrueType font with the fi ligature, for the test PDF of the Datasette search test
  fonts-dejavu-core
  # `recto install-desktop`: the MIME database tool, and the .desktop checker its test runs
  shared-mime-info desktop-file-utils
  # Python venv on a stock Debian
  python3-venv
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${#missing[@]} apt packages: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv with $($PY --version)" >&2
  $PY -m venv .venv
fi
extras="."
[ "${1:-}" = "--test" ] && extras=".[test]"
[ "${1:-}" = "--bench" ] && extras=".[test,bench]"
stamp=".venv/.recto-installed-$(echo "$extras" | tr -c 'a-z' '_')"
test_stamp=".venv/.recto-installed-$(echo ".[test]" | tr -c 'a-z' '_')"
fresh() { [ -f "$1" ] && [ ! pyproject.toml -nt "$1" ] && [ ! setup.py -nt "$1" ]; }
if ! fresh "$stamp" && ! { [ "$extras" = "." ] && fresh "$test_stamp"; }; then
  echo "setup: installing Python packages ($extras)" >&2
  log=$(mktemp)
  if ! { .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip &&
         .venv/bin/python -m pip install -q --disable-pip-version-check -e "$extras"; } >"$log" 2>&1; then
    grep -vE "is ignored: it is neither" "$log" >&2; rm -f "$log"
    echo "setup: installing the Python packages failed (see above)" >&2; exit 1
  fi
  rm -f "$log"
  touch "$stamp"
fi
