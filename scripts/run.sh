#!/usr/bin/env bash
# Install the desktop app into .venv and start it — on the demo profile (local
# SQLite, sample households of one tambon) when no arguments are given:
#   bash scripts/run.sh [porpiang arguments]   e.g. --self-test, --help
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh

ensure_venv
install_extras desktop
[ "$#" -gt 0 ] || set -- --demo
exec .venv/bin/porpiang "$@"
