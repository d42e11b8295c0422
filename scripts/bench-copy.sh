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

build=${1:-build}
persons=${2:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
bin="$here/$build/console/breathline"
if [ ! -x "$bin" ]; then
  echo "bench-copy: $bin not found; build it first (cmake --build $build --target breathline)" >&2
  exit 1
fi

work=$(mktemp -d /tmp/breathline-bench-copy.XXXXXX)
state="$work/cluster.state"
cleanup() {
  bash "$here/scripts/pg-test-cluster.sh" stop "$state" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== generating $persons persons"
python3 - "$work/persons.csv" "$persons" <<'EOF'
import csv, random, sys
path, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(20190301)
with open(path, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["external_id", "name", "name_kana", "sex", "uses_ventilator", "home_oxygen",
                "phone_home", "disease", "lon", "lat", "notes"])
    for i in range(n):
        vent = i % 3 != 2
        # inside the ward's central part (Ikebukuro/Mejiro/Otsuka), well inside the boundary
        lon = 139.700 + rng.random() * 0.030
        lat = 35.722 + rng.random() * 0.012
        w.writerow([f"BENCH-{i:06d}", f"ベンチ 太郎 {i:06d}", "ベンチ タロウ",
                    "男" if i % 2 else "女", "NPPV" if vent else "無", "無" if vent else "有",
                    f"03-0000-{i % 10000:04d}", "筋萎縮性側索硬化症", f"{lon:.7f}", f"{lat:.7f}",
                    "ベンチマーク用の架空データ\tタブと\\バックスラッシュ"])
EOF

echo "== importing into $work/source.sqlite"
start=$(date +%s.%N)
"$bin" --db "$work/source.sqlite" --actor bench import persons "$work/persons.csv" >/dev/null
end=$(date +%s.%N)
echo "import: $(echo "$end - $start" | bc) s"

echo "== starting a throwaway PostgreSQL 15 + PostGIS cluster"
conninfo=$(bash "$here/scripts/pg-test-cluster.sh" start "$state" | tail -n 1)
target="${conninfo/dbname=postgres/dbname=bench_copy}"
psql "$conninfo" -q -c "CREATE DATABASE bench_copy TEMPLATE breathline_template"

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
