#!/usr/bin/env bash
# Extract the translatable strings of desktop/ui into resources/translations/*.ts
# (keeping the translations already made), then compile every .ts into its .qm.
# Edit the Thai texts in porpiang_th.ts (by hand or with pyside6-linguist), mark
# them finished, and run this script again.
set -euo pipefail
cd "$(dirname "$0")/.."

bin_dir=".venv/bin"
[ -x "$bin_dir/pyside6-lupdate" ] || bin_dir="$(dirname "$(command -v pyside6-lupdate)")"
out="resources/translations"
mapfile -t sources < <(find desktop/ui -name '*.py' | sort)

"$bin_dir/pyside6-lupdate" -silent -no-obsolete -locations none -source-language en \
    -target-language th_TH "${sources[@]}" -ts "$out/porpiang_th.ts"
"$bin_dir/pyside6-lupdate" -silent -no-obsolete -locations none -source-language en \
    -target-language en_GB -pluralonly "${sources[@]}" -ts "$out/porpiang_en.ts"
for ts in "$out"/porpiang_*.ts; do
    "$bin_dir/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
echo "updated: $(ls "$out" | tr '\n' ' ')"
