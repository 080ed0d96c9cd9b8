#!/usr/bin/env bash
# Install what is missing (test tools and ocrmypdf, the OCR benchmark's baseline), then run
# every benchmark; names (e.g. open_render ocr_speed) run only those.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --bench
exec .venv/bin/python bench/run_all.py "$@"
