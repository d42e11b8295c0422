#!/usr/bin/env bash
# Routing peer comparison (issue 3): our CCH against pgRouting (pgr_dijkstra,
# pgr_dijkstraCostMatrix) and SpatiaLite's VirtualRouting on the same car
# graphs and the same random pairs. Never run by CI; prints one table per graph.
#
#   bash scripts/bench-peers.sh                 # Monaco, Nerima, 1000×1000 grid (1M nodes)
#   BENCH_GRID=300 bash scripts/bench-peers.sh  # quick run with a 300×300 grid
#
# Environment (defaults): BENCH_GRID (1000) grid side; BENCH_PAIRS (200) pairs our
# side times; BENCH_PEER_PAIRS (100) most pairs a peer is timed on; BENCH_PEER_BUDGET_S
# (120) seconds a peer may spend on one-to-one calls per graph (so ~20 pairs on the
# 1M grid); BENCH_MATRIX_LIMIT_S (300) statement timeout of a pgRouting matrix;
# BENCH_GRAPHS ("monaco nerima grid") which graphs.
#
# Installs postgresql-15-postgis-3 and postgresql-15-pgrouting with apt-get when
# missing. The PostgreSQL cluster is a throwaway one in a temporary directory,
# reachable only through a unix socket there (no TCP), removed on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
grid=${BENCH_GRID:-1000}
our_pairs=${BENCH_PAIRS:-200}
peer_pairs=${BENCH_PEER_PAIRS:-100}
budget_s=${BENCH_PEER_BUDGET_S:-120}
matrix_limit_s=${BENCH_MATRIX_LIMIT_S:-300}
graphs=${BENCH_GRAPHS:-monaco nerima grid}
shared=${BREATHLINE_SHARED:-$root/../shared}

# 1. Packages and tools.
missing=()
for p in postgresql-15-postgis-3 postgresql-15-pgrouting sqlite3 libsqlite3-mod-spatialite; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y "${missing[@]}"
fi
cmake -S . -B build-peers -G Ninja -DCMAKE_BUILD_TYPE=Release -DBREATHLINE_BUILD_TESTS=OFF \
  -DBREATHLINE_WITH_WINDOW=OFF -DBREATHLINE_BUILD_BENCH=ON >/dev/null
cmake --build build-peers --target bench_export_graph bench_peer_ours >&2
export_tool=$root/build-peers/bench/bench_export_graph
ours_tool=$root/build-peers/bench/bench_peer_ours

# 2. Throwaway PostgreSQL cluster (as postgres when we are root: initdb refuses root).
work=$(mktemp -d /tmp/bench-peers.XXXXXX)
chmod 755 "$work"
pgbin=/usr/lib/postgresql/15/bin
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  as_pg=(runuser -u postgres --)
fi
pgdir=$work/pg
mkdir -p "$pgdir"
[ ${#as_pg[@]} -eq 0 ] || chown postgres "$pgdir"
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" --auth=trust -U postgres >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-k $pgdir -c listen_addresses='' -c shared_buffers=1GB -c work_mem=256MB" start >/dev/null
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -h "$pgdir" -U postgres -X -q -At -v ON_ERROR_STOP=1 -d postgres)
"${psql[@]}" -c "CREATE EXTENSION postgis; CREATE EXTENSION pgrouting;"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int(NR / 2) + 1]; else print "" }'; }
key() { awk -F'[=\t]' -v k="$2" '$1 == k { print $2 }' "$1"; }
ratio() { awk -v p="$1" -v o="$2" 'BEGIN { if (p == "" || o == "" || o + 0 == 0 || p !~ /^[0-9.eE+-]+$/) print "—"; else printf "%.0f×", p / o }'; }

run_graph() {
  local name=$1 spec=$2 dir=$work/$1
  mkdir -p "$dir"
  echo "== $name ($spec)" >&2
  "$export_tool" "$spec" "$dir" "$our_pairs" 42 >"$dir/export.txt"
  "$ours_tool" "$spec" "$dir" >"$dir/ours.txt"
  chmod -R a+rX "$dir"

  # pgRouting: same edges, same pairs.
  "${psql[@]}" <<SQL
DROP TABLE IF EXISTS edges, pairs, ours_pairs, ours_m100, s100, s1000, pgr_pairs, pgr_m100, pgr_m1000;
CREATE TABLE edges(id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8);
CREATE TABLE pairs(i serial, source bigint, target bigint);
CREATE TABLE ours_pairs(source bigint, target bigint, cost float8);
CREATE TABLE ours_m100(source bigint, target bigint, cost float8);
CREATE TABLE s100(id bigint);
CREATE TABLE s1000(id bigint);
\copy edges FROM '$dir/edges.csv' CSV HEADER
\copy pairs(source, target) FROM '$dir/pairs.csv' CSV HEADER
\copy ours_pairs FROM '$dir/ours_pairs.csv' CSV HEADER
\copy ours_m100 FROM '$dir/ours_m100.csv' CSV HEADER
\copy s100 FROM '$dir/sample100.csv' CSV
\copy s1000 FROM '$dir/sample1000.csv' CSV
ANALYZE;
CREATE TABLE pgr_pairs(i int, source bigint, target bigint, ms float8, cost float8);
DO \$\$
DECLARE r record; t0 timestamptz; c float8; started timestamptz := clock_timestamp();
BEGIN
  FOR r IN SELECT * FROM pairs ORDER BY i LIMIT $peer_pairs LOOP
    EXIT WHEN extract(epoch FROM clock_timestamp() - started) > $budget_s;
    t0 := clock_timestamp();
    SELECT max(agg_cost) INTO c FROM pgr_dijkstra(
      'SELECT id, source, target, cost, reverse_cost FROM edges', r.source, r.target, true);
    INSERT INTO pgr_pairs VALUES (r.i, r.source, r.target,
      1000 * extract(epoch FROM clock_timestamp() - t0), c);
  END LOOP;
END \$\$;
SQL
  "${psql[@]}" -c "SELECT ms FROM pgr_pairs" | median >"$dir/pgr_one_ms"
  "${psql[@]}" -c "SELECT count(*) FROM pgr_pairs" >"$dir/pgr_pairs_n"
  "${psql[@]}" -c "SELECT count(*) FILTER (WHERE p.cost IS NULL OR abs(p.cost - o.cost) > 0.0015)
    || ' of ' || count(*) FROM pgr_pairs p JOIN ours_pairs o USING (source, target)" >"$dir/pgr_pairs_bad"
  local size
  for size in 100 1000; do
    local t0 t1
    t0=$(now)
    if "${psql[@]}" -c "SET statement_timeout = '${matrix_limit_s}s';
        CREATE TABLE pgr_m$size AS SELECT * FROM pgr_dijkstraCostMatrix(
          'SELECT id, source, target, cost, reverse_cost FROM edges',
          (SELECT array_agg(id) FROM s$size), true)" 2>"$dir/pgr_m$size.err"; then
      t1=$(now)
      elapsed "$t0" "$t1" >"$dir/pgr_m${size}_s"
    else
      echo "not run: >${matrix_limit_s} s" >"$dir/pgr_m${size}_s"
    fi
  done
  if [ -s "$dir/pgr_m100_s" ] && ! grep -q 'not run' "$dir/pgr_m100_s"; then
    "${psql[@]}" -c "SELECT count(*) FILTER (WHERE p.agg_cost IS NULL
      OR abs(p.agg_cost - o.cost) > 0.0015) || ' of ' || count(*) FROM ours_m100 o
      LEFT JOIN pgr_m100 p ON p.start_vid = o.source AND p.end_vid = o.target" >"$dir/pgr_m100_bad"
  else
    echo "—" >"$dir/pgr_m100_bad"
  fi

  # SpatiaLite VirtualRouting: directed arcs, routing table built with CreateRouting().
  local vr_db=$dir/vr.sqlite t0 t1
  t0=$(now)
  sqlite3 "$vr_db" >/dev/null <<SQL
.load mod_spatialite
CREATE TABLE edges(id INTEGER, source INTEGER, target INTEGER, cost DOUBLE, reverse_cost DOUBLE);
.import --csv --skip 1 $dir/edges.csv edges
CREATE TABLE arcs AS
  SELECT source AS node_from, target AS node_to, cost FROM edges WHERE cost >= 0
  UNION ALL SELECT target, source, reverse_cost FROM edges WHERE reverse_cost >= 0;
SELECT CreateRouting('vr_data', 'vr', 'arcs', 'node_from', 'node_to', NULL, 'cost', NULL,
                     0, 0, NULL, NULL, 1);
SQL
  t1=$(now)
  elapsed "$t0" "$t1" >"$dir/vr_build_s"
  {
    echo ".load mod_spatialite"
    echo ".timer on"
    tail -n +2 "$dir/pairs.csv" | head -n "$peer_pairs" | awk -F, '{
      printf "SELECT Role, NodeFrom, NodeTo, Cost FROM vr WHERE NodeFrom = %s AND NodeTo = %s;\n", $1, $2 }'
  } >"$dir/vr_queries.sql"
  # The result is the route (Role "Route", total Cost) and then its links, as
  # pgr_dijkstra returns the path; LIMIT or extra constraints make the virtual
  # table return nothing, so the links are read and skipped.
  # .timer has 1 ms resolution: also time the whole run against an empty one for the mean.
  t0=$(now)
  printf '.load mod_spatialite\nSELECT count(*) FROM vr_data;\n' | sqlite3 "$vr_db" >/dev/null
  t1=$(now)
  local base_s run_s
  base_s=$(elapsed "$t0" "$t1")
  t0=$(now)
  timeout "$budget_s" sqlite3 -csv "$vr_db" <"$dir/vr_queries.sql" >"$dir/vr_out.txt" 2>&1 || true
  t1=$(now)
  run_s=$(elapsed "$t0" "$t1")
  awk '/^Run Time:/ { print 1000 * $4 }' "$dir/vr_out.txt" | median >"$dir/vr_one_ms"
  grep -c '^Run Time:' "$dir/vr_out.txt" >"$dir/vr_pairs_n" || true
  awk -v r="$run_s" -v b="$base_s" -v n="$(cat "$dir/vr_pairs_n")" \
    'BEGIN { if (n > 0) printf "%.3f", 1000 * (r - b) / n }' >"$dir/vr_mean_ms"
  awk -F, 'NR == FNR { if (FNR > 1) ours[$1 "," $2] = $3; next }
    $1 == "Route" { n++; d = $4 - ours[$2 "," $3]; if (d < 0) d = -d; if (d > 0.0015) bad++ }
    END { printf "%d of %d", bad, n }' "$dir/ours_pairs.csv" "$dir/vr_out.txt" >"$dir/vr_pairs_bad"
  du -k "$vr_db" | awk '{ printf "%.1f", $1 / 1024 }' >"$dir/vr_db_MB"
  "${psql[@]}" -c "SELECT round(pg_total_relation_size('edges') / 1e6, 1)" >"$dir/pgr_edges_MB"

  print_table "$name" "$spec" "$dir"
}

print_table() {
  local name=$1 spec=$2 dir=$3 o=$3/ours.txt
  local one_us pgr_ms vr_ms m100 m1000 pm100 pm1000
  one_us=$(key "$o" one_to_one_us)
  pgr_ms=$(cat "$dir/pgr_one_ms"); vr_ms=$(cat "$dir/vr_one_ms")
  local vr_label="median"
  if awk -v m="$vr_ms" 'BEGIN { exit !(m == "" || m + 0 < 5) }'; then
    vr_ms=$(cat "$dir/vr_mean_ms"); vr_label="mean"
  fi
  m100=$(key "$o" matrix100_s); m1000=$(key "$o" matrix1000_s)
  pm100=$(cat "$dir/pgr_m100_s"); pm1000=$(cat "$dir/pgr_m1000_s")
  local one_s
  one_s=$(awk -v u="$one_us" 'BEGIN { print u / 1e6 }')
  echo
  echo "### $name: $(key "$o" nodes) nodes, $(key "$o" arcs) arcs ($spec)"
  echo
  echo "| figure | ours (CCH) | pgRouting | VirtualRouting | pgRouting / ours | VirtualRouting / ours |"
  echo "|---|---|---|---|---|---|"
  echo "| preprocessing, metric-independent | $(key "$o" preprocessing_s) s (order $(key "$o" order_s) s + contraction $(key "$o" topology_s) s) | none (reads the edge table per call) | CreateRouting $(cat "$dir/vr_build_s") s | — | — |"
  echo "| customization | $(key "$o" customize_s) s | — | — | — | — |"
  echo "| re-customization, 1% of edges closed | $(key "$o" recustomize_s) s | no preprocessing to redo | CreateRouting again: $(cat "$dir/vr_build_s") s | — | $(ratio "$(cat "$dir/vr_build_s")" "$(key "$o" recustomize_s)") |"
  echo "| one-to-one, median (pairs) | $one_us µs ($(key "$o" pairs)) | ${pgr_ms} ms ($(cat "$dir/pgr_pairs_n")) | ${vr_ms} ms ${vr_label} ($(cat "$dir/vr_pairs_n")) | $(ratio "$(awk -v m="$pgr_ms" 'BEGIN { print m / 1000 }')" "$one_s") | $(ratio "$(awk -v m="$vr_ms" 'BEGIN { print m / 1000 }')" "$one_s") |"
  echo "| 100×100 matrix | $m100 s | $pm100${pm100:+ s} | — | $(ratio "$pm100" "$m100") | — |" | sed 's/not run: >\([0-9]*\) s s/not run: >\1 s/'
  echo "| 1000×1000 matrix | $m1000 s | $pm1000${pm1000:+ s} | — | $(ratio "$pm1000" "$m1000") | — |" | sed 's/not run: >\([0-9]*\) s s/not run: >\1 s/'
  echo "| memory | graph $(key "$o" graph_MB) MB + topology $(key "$o" topology_MB) MB + metric $(key "$o" metric_MB) MB (peak RSS $(key "$o" peak_rss_MB) MB) | edge table $(cat "$dir/pgr_edges_MB") MB | database $(cat "$dir/vr_db_MB") MB | — | — |"
  echo "| graph load | $(key "$o" graph_load_ms) ms (graph file) | — | — | — | — |"
  echo "| answers differing from ours (> 1.5 ms) | — | pairs $(cat "$dir/pgr_pairs_bad"), 100×100 $(cat "$dir/pgr_m100_bad") | pairs $(cat "$dir/vr_pairs_bad") | — | — |"
  echo
  echo "Our Dijkstra on the same pairs: $(key "$o" dijkstra_us) µs median (20 pairs); time-only CCH query $(key "$o" one_to_one_time_only_us) µs."
}

echo "# Routing peer comparison ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), BENCH_GRID=$grid)"
for g in $graphs; do
  case $g in
    monaco) run_graph monaco "$shared/data/bench/osm/monaco.osm.pbf" ;;
    nerima) run_graph nerima "$shared/data/real/roads/osm_xml_nerima_area_2011.osm" ;;
    grid) run_graph "grid${grid}" "grid:$grid" ;;
    *) echo "unknown graph '$g' (monaco, nerima, grid)" >&2; exit 2 ;;
  esac
done
