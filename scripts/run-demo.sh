#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Breathline, builds the Toshima
# demo database from the repository and ../shared/data, and opens it in the console
# (`breathline open`); without a display it prints the summary instead.
# Extra arguments go to the final breathline call (e.g. --lang en).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)"
db="${BREATHLINE_DB:-$HOME/.local/share/breathline/demo.sqlite}"
# Built once; later runs open the existing demo (rebuild: breathline demo --force).
if [ ! -f "$db" ]; then
  ./build/console/breathline demo --db "$db" "$@"
fi
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec ./build/console/breathline --db "$db" open "$@"
fi
# No screen (SSH, CI): say so and print the database summary instead of the console.
echo "No display (DISPLAY is not set): showing the summary instead of the console." >&2
echo "To see the console without a screen: xvfb-run -a ./build/console/breathline --db $db open" >&2
exec ./build/console/breathline --db "$db" "$@"
