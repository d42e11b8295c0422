#!/usr/bin/env bash
# Builds an optimised tree and runs every benchmark. Never part of CI.
# Each benchmark runs the hot path and its peer side by side, so compare the
# ratio between rows of one run rather than absolute times across machines.
# bench_render opens a hidden window: without a display it runs under xvfb-run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DBREATHLINE_WITH_WINDOW=ON \
  -DBREATHLINE_BUILD_TESTS=OFF -DBREATHLINE_BUILD_BENCH=ON
cmake --build build-bench --parallel "$(nproc)"
for b in build-bench/bench/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  case "$(basename "$b")" in
    bench_export_graph|bench_peer_ours) continue ;;  # tools of scripts/bench-peers.sh
    bench_render)
      if [ -z "${DISPLAY:-}" ]; then
        xvfb-run -a -s "-screen 0 1920x1080x24" "$b" --benchmark_counters_tabular=true "$@"
        continue
      fi ;;
  esac
  "$b" --benchmark_counters_tabular=true "$@"
done
