#!/usr/bin/env bash
# Build the one-folder desktop bundle: dist/porpiang/porpiang (work files in build/).
# Needs the packaging extra: uv pip install -e '.[packaging]' (or pip install).
# Usage: bash packaging/build.sh [PYTHON]   (default: .venv/bin/python, else python3)
set -euo pipefail
cd "$(dirname "$0")/.."

python="${1:-}"
if [ -z "$python" ]; then
    if [ -x .venv/bin/python ]; then python=.venv/bin/python; else python=python3; fi
fi

"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/porpiang.spec

bundle=dist/porpiang
echo "built $bundle/porpiang ($(du -sh "$bundle" | cut -f1))"
