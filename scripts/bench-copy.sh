#!/usr/bin/env bash
# Benchmark (not a test): `breathline db copy` of a database with 100,000 persons,
# SpatiaLite file → PostgreSQL → a new SpatiaLite file, on a throwaway cluster
# (scripts/pg-test-cluster.sh). Prints the copy's own total line (copy + verification
# time) and the wall time of each whole `breathline` process.
#
#   bash scripts/bench-copy.sh [BUILD_DIR] [PERSONS]
#
# BUILD_DIR defaults to build; PERSONS to 100000. The persons are generated as a
# CSV (registry numbers, fictitious names, ventilator/oxygen flags, a point inside
# Toshima ward) and imported with `breathline import persons`, so every row goes
# through the importer's validation like real data.
set -euo pipefail

persons=${2:-100000}
source "$(dirname "$0")/bench-lib.sh"
bench_init bench-copy "${1:-build}"

echo "== generating $persons persons"
bench_persons_csv "$work/persons.csv" "$persons" $'ベンチマーク用の架空データ\tタブと\\バックスラッシュ'

echo "== importing into $work/source.sqlite"
start=$(date +%s.%N)
"$bin" --db "$work/source.sqlite" --actor bench import persons "$work/persons.csv" >/dev/null
end=$(date +%s.%N)
echo "import: $(echo "$end - $start" | bc) s"

bench_cluster_start
target=$(bench_database bench_copy)

run_copy() {
  local label=$1 from=$2 to=$3
  local s e
  s=$(date +%s.%N)
  "$bin" --lang en --actor bench db copy "$from" "$to" 2>/dev/null | tail -n 1
  e=$(date +%s.%N)
  echo "$label: $(echo "$e - $s" | bc) s wall (whole process)"
}

echo "== copy file → PostgreSQL"
run_copy "file → PostgreSQL" "$work/source.sqlite" "$target"
echo "== copy PostgreSQL → file"
run_copy "PostgreSQL → file" "$target" "$work/back.sqlite"
ls -l "$work/source.sqlite" "$work/back.sqlite" | awk '{print $5, $9}'
