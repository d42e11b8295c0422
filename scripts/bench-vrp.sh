#!/usr/bin/env bash
# Vehicle-routing quality benchmark (issue 6). Never part of CI or ctest.
#
#   bash scripts/bench-vrp.sh [TIME_S] [N1000] [TIME1000_S]
#
# Builds `breathline` (Release) in build-bench/ if it is missing, then runs the 56 Solomon
# instances at TIME_S seconds each (default 1) with THREADS threads (default 2) and prints cost,
# vehicles, gap to the distance-only best-known value (the `_distance` keys of BKS.json), time,
# and means per class. With N1000 > 0 it also runs the first N1000 of the 1000-customer VRPLIB
# instances (one per class in turn: C1, C2, R1, R2, RC1, RC2, then the next number) at
# TIME1000_S seconds (default 60), compared with the .sol files beside them.
# Environment: THREADS, SEED (default 1), BUILD_DIR (default build-bench),
# BREATHLINE_DATA_DIR (default ../shared/data beside the repository).
set -euo pipefail
cd "$(dirname "$0")/.."
time_s=${1:-1}
n1000=${2:-0}
time1000_s=${3:-60}
threads=${THREADS:-2}
seed=${SEED:-1}
build=${BUILD_DIR:-build-bench}
data=${BREATHLINE_DATA_DIR:-../shared/data}/bench/vrptw
bin="$build/console/breathline"
if [ ! -x "$bin" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBREATHLINE_BUILD_TESTS=OFF
  cmake --build "$build" --target breathline --parallel "$(nproc)"
fi
echo "== $(date -u '+%Y-%m-%d %H:%M UTC'), load:$(uptime | sed 's/.*load average://')"
echo "== Solomon, ${time_s} s per instance, ${threads} threads, seed ${seed}"
# Exit code 1 means an infeasible plan or unassigned jobs: shown in the table, keep going.
"$bin" --lang en vrp solve "$data"/solomon/*.txt --time-limit "$time_s" --threads "$threads" \
  --seed "$seed" --bks "$data/BKS.json" || [ $? -eq 1 ]
if [ "$n1000" -gt 0 ]; then
  files=()
  for k in 1 2 3 4 5 6 7 8 9 10; do
    for c in C1 C2 R1 R2 RC1 RC2; do
      [ "${#files[@]}" -lt "$n1000" ] && files+=("$data/gh1000_vrplib/${c}_10_${k}.vrp")
    done
  done
  echo
  echo "== Gehring–Homberger 1000 (VRPLIB, DIMACS distances), ${time1000_s} s per instance, ${threads} threads"
  "$bin" --lang en vrp solve "${files[@]}" --time-limit "$time1000_s" --threads "$threads" \
    --seed "$seed" --bks "$data/BKS.json" || [ $? -eq 1 ]
fi
