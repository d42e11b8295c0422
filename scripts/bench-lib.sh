# Shared setup of the PostgreSQL benchmarks (bench-copy.sh, bench-replica.sh,
# bench-live-board.sh); sourced, not run. Defines:
#   bench_init NAME BUILD_DIR   sets $here, $bin (the breathline binary), $work (a temporary
#                               directory) and $state; removes both and stops the cluster on exit
#   bench_persons_csv PATH N [NOTE]
#                               N generated persons (fictitious names, registry numbers
#                               BENCH-000000..., ventilator/oxygen flags, a point inside
#                               Toshima's centre), imported with `breathline import persons`
#                               so every row goes through the importer's validation
#   bench_cluster_start         starts a throwaway PostgreSQL 15 + PostGIS cluster
#                               (scripts/pg-test-cluster.sh) and sets $conninfo
#   bench_database NAME         creates database NAME from the migrated template and prints
#                               its conninfo

bench_init() {
  local name=$1 build=$2
  here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
  bin="$here/$build/console/breathline"
  if [ ! -x "$bin" ]; then
    echo "$name: $bin not found; build it first (cmake --build $build)" >&2
    exit 1
  fi
  work=$(mktemp -d "/tmp/breathline-$name.XXXXXX")
  state="$work/cluster.state"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  bash "$here/scripts/pg-test-cluster.sh" stop "$state" >/dev/null 2>&1 || true
  rm -rf "$work"
}

bench_persons_csv() {
  /usr/bin/python3 - "$1" "$2" "${3:-ベンチマーク用の架空データ}" <<'PY'
import csv, random, sys
path, n, note = sys.argv[1], int(sys.argv[2]), sys.argv[3]
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
                    note])
PY
}

bench_cluster_start() {
  echo "== starting a throwaway PostgreSQL 15 + PostGIS cluster"
  conninfo=$(bash "$here/scripts/pg-test-cluster.sh" start "$state" | tail -n 1)
}

bench_database() {
  psql "$conninfo" -q -c "CREATE DATABASE $1 TEMPLATE breathline_template"
  echo "${conninfo/dbname=postgres/dbname=$1}"
}
