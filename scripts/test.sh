#!/usr/bin/env bash
# Install what is missing (with the test tools), run the lint gate, then the whole test suite.
# Usage: scripts/test.sh [--fast] [pytest arguments]
#   --fast  skips the tests marked slow (crash and fuzz campaigns, real-script flows,
#           the hostile-PDF corpus); CI and README's command run everything.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
bash scripts/lint.sh            # ruff, mypy and the import contracts, before any test
export QT_QPA_PLATFORM=offscreen
args=()
if [ "${1:-}" = "--fast" ]; then
  shift
  args=(-m "not slow")
fi
exec .venv/bin/python -m pytest -q -p no:cacheprovider "${args[@]}" "$@"
