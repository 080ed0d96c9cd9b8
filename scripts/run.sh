#!/usr/bin/env bash
# Install what is missing, then start Recto on the embedded sample project.
# Extra arguments go to `recto gui` (e.g. a project path instead of the sample).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ $# -eq 0 ]; then set -- --sample; fi
exec .venv/bin/recto gui "$@"
