#!/usr/bin/env bash
# Install what the tests need into .venv, then run them (offscreen):
#   bash scripts/test.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh

ensure_venv
install_extras test
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" exec "$VENV_PYTHON" -m pytest -q "$@"
