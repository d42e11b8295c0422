#!/usr/bin/env bash
# Builds an optimised tree and runs every benchmark. Never part of CI.
# Each benchmark runs the hot path and its peer side by side, so compare the
# ratio between rows of one run rather than absolute times across machines.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --headless
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBREATHLINE_WITH_WINDOW=OFF \
  -DBREATHLINE_BUILD_TESTS=OFF -DBREATHLINE_BUILD_BENCH=ON
cmake --build build-bench --parallel "$(nproc)"
for b in build-bench/bench/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" --benchmark_counters_tabular=true "$@"
done
