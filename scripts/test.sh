#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine, builds Breathline and runs every test
# through ctest. This is the README's test command and what CI runs.
# The window tests (screenshots, picking, fonts) need an X display: without
# one, ctest runs inside xvfb-run, where Mesa's llvmpipe gives OpenGL 4.5.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build --parallel "$(nproc)"
ctest_cmd=(ctest --test-dir build --output-on-failure --parallel "$(nproc)")
if [ -z "${DISPLAY:-}" ]; then
  xvfb-run -a -s "-screen 0 1920x1080x24" "${ctest_cmd[@]}"
else
  "${ctest_cmd[@]}"
fi
