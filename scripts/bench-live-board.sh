#!/usr/bin/env bash
# Benchmark (not a test): how soon a safety check or an edit made on another workstation shows
# on the console's operations board (issue 9), with PERSONS persons and WRITERS coordinators
# writing at once for SECONDS, on a throwaway PostgreSQL 15 + PostGIS cluster. The peer is the
# board refresh of the same database as a single-machine SpatiaLite file (a ratio, one run).
#
#   bash scripts/bench-live-board.sh [BUILD_DIR] [PERSONS] [WRITERS] [SECONDS]
#
# BUILD_DIR defaults to build (needs the bench_live_board target); PERSONS to 10000, WRITERS
# to 5, SECONDS to 30.
set -euo pipefail

persons=${2:-10000}
writers=${3:-5}
seconds=${4:-30}
source "$(dirname "$0")/bench-lib.sh"
bench_init bench-live-board "${1:-build}"
tool="$here/${1:-build}/bench/bench_live_board"
if [ ! -x "$tool" ]; then
  echo "bench-live-board: $tool not found; build it first (cmake --build ${1:-build} --target bench_live_board)" >&2
  exit 1
fi

echo "== generating $persons persons, an active incident"
bench_persons_csv "$work/persons.csv" "$persons"
"$bin" --db "$work/board.sqlite" --actor bench import persons "$work/persons.csv" >/dev/null
"$bin" --db "$work/board.sqlite" --actor bench incident declare --title "ベンチ停電" \
  --kind power_outage >/dev/null

bench_cluster_start
server=$(bench_database bench_board)
"$bin" --lang en --actor bench db copy "$work/board.sqlite" "$server" >/dev/null 2>&1

echo "== $writers writers for $seconds s"
"$tool" "$work/board.sqlite" "$server" "$seconds" "$writers" "${BENCH_EDIT_EVERY:-10}"
