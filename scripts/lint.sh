#!/usr/bin/env bash
# The gates CI runs before the tests: ruff (style, bugs, imports), mypy (types), import contracts.
# Usage: scripts/lint.sh   (after scripts/setup.sh --test; `make lint` does the same)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
echo "lint: ruff" >&2
"$bin/ruff" check app ui annotations tests bench scripts
echo "lint: mypy annotations app" >&2
"$bin/mypy" annotations app
echo "lint: mypy ui" >&2
"$bin/mypy" ui
echo "lint: import contracts" >&2
"$bin/lint-imports" --no-cache >/dev/null || "$bin/lint-imports" --no-cache
echo "lint: all gates pass" >&2
