#!/usr/bin/env bash
# Measures the idle CPU use of the open console: opens the demo database, waits until it has
# loaded and settled, then reads the process's CPU time (utime + stime from /proc/PID/stat)
# over 20 seconds without any input. Without a display it runs itself under Xvfb.
#   scripts/measure-idle.sh [BUILD_DIR] [SECONDS]
# Prints the CPU time used and the average CPU percentage of one core, and for comparison the
# same console redrawing continuously (what a loop without glfwWaitEventsTimeout would cost).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
seconds="${2:-20}"
bin="$build/console/breathline"
if [ ! -x "$bin" ]; then
  echo "no $bin: build first (cmake -S . -B $build -G Ninja && ninja -C $build breathline)" >&2
  exit 2
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${MEASURE_IDLE_UNDER_XVFB:-}" ]; then
  exec env MEASURE_IDLE_UNDER_XVFB=1 xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$build" "$seconds"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/demo.sqlite"
"$bin" demo --db "$db" > /dev/null
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"
settle=8
# measure NAME SECONDS ARGS...: CPU time of one console run over SECONDS after it settled.
measure() {
  local name="$1" secs="$2"
  shift 2
  # Own settings file, so the user's console.ini is neither read nor written.
  "$bin" --db "$db" open --settings "$work/console.ini" --exit-after $((settle + secs + 10)) "$@" &
  local pid=$!
  sleep "$settle"
  local t0 t1 start end
  t0="$(ticks "$pid")"
  start="$(date +%s.%N)"
  sleep "$secs"
  t1="$(ticks "$pid")"
  end="$(date +%s.%N)"
  kill "$pid" 2> /dev/null || true
  wait "$pid" 2> /dev/null || true
  awk -v n="$name" -v t0="$t0" -v t1="$t1" -v hz="$hz" -v s="$start" -v e="$end" 'BEGIN {
    cpu = (t1 - t0) / hz; wall = e - s;
    printf "%s: %.2f s CPU in %.1f s wall = %.2f%% of one core (start-up before: %.2f s CPU)\n",
           n, cpu, wall, 100 * cpu / wall, t0 / hz }'
}
measure "idle console (waits for events)" "$seconds"
# For comparison: the same window redrawing every frame, as a loop without waiting would.
measure "baseline redrawing continuously" 10 --frames 100000000
