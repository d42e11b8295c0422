#!/usr/bin/env bash
# Benchmark (not a test): `breathline replica refresh` (issue 9, the workstation's local replica)
# of the demo database and of a database with PERSONS generated persons, on a throwaway cluster
# (scripts/pg-test-cluster.sh). Prints the verb's own line (copy + verification + rename) and the
# wall time of each whole `breathline` process.
#
#   bash scripts/bench-replica.sh [BUILD_DIR] [PERSONS]
#
# BUILD_DIR defaults to build; PERSONS to 10000, generated and imported by scripts/bench-lib.sh.
set -euo pipefail

persons=${2:-10000}
source "$(dirname "$0")/bench-lib.sh"
bench_init bench-replica "${1:-build}"

echo "== building the demo database and generating $persons persons"
"$bin" --db "$work/demo.sqlite" --actor bench demo >/dev/null
bench_persons_csv "$work/persons.csv" "$persons"
"$bin" --db "$work/large.sqlite" --actor bench import persons "$work/persons.csv" >/dev/null

bench_cluster_start
for name in demo large; do
  "$bin" --lang en --actor bench db copy "$work/$name.sqlite" "$(bench_database bench_$name)" \
    >/dev/null 2>&1
done

run_refresh() {
  local label=$1 server=$2 replica=$3
  local s e
  s=$(date +%s.%N)
  "$bin" --lang en --actor bench --db "$server" replica refresh --replica "$replica" | tail -n 1
  e=$(date +%s.%N)
  echo "$label: $(echo "$e - $s" | bc) s wall (whole process)"
}

echo "== refresh: demo database"
run_refresh "demo (first)" "${conninfo/dbname=postgres/dbname=bench_demo}" "$work/demo-replica.sqlite"
run_refresh "demo (over the old replica)" "${conninfo/dbname=postgres/dbname=bench_demo}" \
  "$work/demo-replica.sqlite"
echo "== refresh: $persons persons"
run_refresh "$persons persons (first)" "${conninfo/dbname=postgres/dbname=bench_large}" \
  "$work/large-replica.sqlite"
run_refresh "$persons persons (over the old replica)" \
  "${conninfo/dbname=postgres/dbname=bench_large}" "$work/large-replica.sqlite"
