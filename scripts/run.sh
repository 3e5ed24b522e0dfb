#!/usr/bin/env bash
# Install the desktop app into .venv and start it:
#   bash scripts/run.sh [porpiang arguments]   e.g. --self-test, --help
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh

ensure_venv
install_extras desktop
exec .venv/bin/porpiang "$@"
