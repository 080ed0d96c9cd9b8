#!/usr/bin/env bash
# The gates CI runs before the tests: ruff (style, bugs, imports), mypy (types), import contracts.
# Usage: scripts/lint.sh   (after scripts/setup.sh --test; `make lint` does the same)
#
# The code imports itself as recto.app / recto.ui / recto.annotations (the wheel's layout),
# while the tree keeps app/, ui/, annotations/ at the top. mypy and import-linter read files,
# not the installed mapping, so they run on build/lint/recto: a copy in the wheel's layout
# (mypy's paths are mapped back to the tree's in its output).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$PWD/.venv/bin
echo "lint: ruff" >&2
"$bin/ruff" check app ui annotations recto tests bench scripts setup.py
lint=build/lint
"$bin/python" scripts/lint_tree.py "$lint" >/dev/null
echo "lint: mypy annotations app" >&2
(cd "$lint" && MYPYPATH=. "$bin/mypy" --config-file ../../pyproject.toml --cache-dir ../../.mypy_cache \
  -p recto.annotations -p recto.app) 2>&1 | sed -E 's#^recto/##' ; test "${PIPESTATUS[0]}" -eq 0
echo "lint: mypy ui" >&2
(cd "$lint" && MYPYPATH=. "$bin/mypy" --config-file ../../pyproject.toml --cache-dir ../../.mypy_cache \
  -p recto.ui) 2>&1 | sed -E 's#^recto/##'; test "${PIPESTATUS[0]}" -eq 0
echo "lint: import contracts" >&2
(cd "$lint" && PYTHONPATH=. "$bin/lint-imports" ../../pyproject.toml --no-cache >/dev/null) ||
  (cd "$lint" && PYTHONPATH=. "$bin/lint-imports" ../../pyproject.toml --no-cache)
echo "lint: all gates pass" >&2
