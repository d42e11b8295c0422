#!/usr/bin/env bash
# Benchmark (not a test): `breathline replica refresh` (issue 9, the workstation's local replica)
# of the demo database and of a database with PERSONS generated persons, on a throwaway cluster
# (scripts/pg-test-cluster.sh). Prints the verb's own line (copy + verification + rename) and the
# wall time of each whole `breathline` process.
#
#   bash scripts/bench-replica.sh [BUILD_DIR] [PERSONS]
#
# BUILD_DIR defaults to build; PERSONS to 10000. The persons are generated and imported as in
# scripts/bench-copy.sh.
set -euo pipefail

build=${1:-build}
persons=${2:-10000}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/$build/console/breathline"
if [ ! -x "$bin" ]; then
  echo "bench-replica: $bin not found; build it first (cmake --build $build --target breathline)" >&2
  exit 1
fi

work=$(mktemp -d /tmp/breathline-bench-replica.XXXXXX)
state="$work/cluster.state"
cleanup() {
  bash "$here/scripts/pg-test-cluster.sh" stop "$state" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the demo database and generating $persons persons"
"$bin" --db "$work/demo.sqlite" --actor bench demo >/dev/null
python3 - "$work/persons.csv" "$persons" <<'PY'
import csv, random, sys
path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(20190301)
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["external_id", "name", "name_kana", "sex", "uses_ventilator", "home_oxygen",
                "phone_home", "disease", "lon", "lat", "notes"])
    for i in range(n):
        vent = i % 3 != 2
        lon = 139.700 + rng.random() * 0.030
        lat = 35.722 + rng.random() * 0.012
        w.writerow([f"BENCH-{i:06d}", f"ベンチ 太郎 {i:06d}", "ベンチ タロウ",
                    "男" if i % 2 else "女", "NPPV" if vent else "無", "無" if vent else "有",
                    f"03-0000-{i % 10000:04d}", "筋萎縮性側索硬化症", f"{lon:.7f}", f"{lat:.7f}",
                    "ベンチマーク用の架空データ"])
PY
"$bin" --db "$work/large.sqlite" --actor bench import persons "$work/persons.csv" >/dev/null

echo "== starting a throwaway PostgreSQL 15 + PostGIS cluster"
conninfo=$(bash "$here/scripts/pg-test-cluster.sh" start "$state" | tail -n 1)
for name in demo large; do
  psql "$conninfo" -q -c "CREATE DATABASE bench_$name TEMPLATE breathline_template"
  "$bin" --lang en --actor bench db copy "$work/$name.sqlite" \
    "${conninfo/dbname=postgres/dbname=bench_$name}" >/dev/null 2>&1
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
