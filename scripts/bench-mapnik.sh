#!/usr/bin/env bash
# Render-to-PNG time of the demo view: `breathline screenshot` against Mapnik
# (Debian's python3-mapnik, run with /usr/bin/python3) drawing the same
# layers (ward fill and outline, arterial roads, facilities by kind, persons
# by device group) at the same size and extent. Prints both times and the
# ratio. Not part of ctest.
#
#   scripts/bench-mapnik.sh [BUILD_DIR] [RUNS]     (default: build, 5)
#
# Needs a binary built with -DBREATHLINE_WITH_WINDOW=ON and the shared real
# data (for `breathline demo`); runs under xvfb-run when DISPLAY is unset.
# With bench/bench_render built (-DBREATHLINE_BUILD_BENCH=ON) it also times
# our render + PNG write alone (BM_DemoViewToPng).
# Installs python3-mapnik and gdal-bin with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-5}
bin="$build/console/breathline"
[ -x "$bin" ] || { echo "no $bin: build with -DBREATHLINE_WITH_WINDOW=ON first" >&2; exit 2; }

if ! /usr/bin/python3 -c 'import mapnik' 2>/dev/null; then
  echo "installing python3-mapnik (Debian package)" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq python3-mapnik
fi
command -v ogr2ogr >/dev/null || { echo "ogr2ogr missing: apt-get install gdal-bin" >&2; exit 2; }

# One X server for the whole run (xvfb-run's own start-up is not timed).
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1920x1080x24" "$0" "$build" "$runs"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/demo.sqlite"
"$bin" --db "$db" demo >/dev/null

# The view: the same centre, zoom and size for both renderers.
width=1280; height=800; lon=139.7190; lat=35.7300; zoom=14

# Layers as GeoJSON, already projected to EPSG:6677 like our scene, so both
# sides draw pre-projected geometry. Persons: location and device only.
ogr2ogr -f GeoJSON -t_srs EPSG:6677 "$work/ward.geojson" "$db" -sql \
  "SELECT geom FROM areas WHERE kind = 'ward_boundary'"
ogr2ogr -f GeoJSON -t_srs EPSG:6677 "$work/roads.geojson" "$db" -sql \
  "SELECT geom, class FROM road_edges"
ogr2ogr -f GeoJSON -t_srs EPSG:6677 "$work/facilities.geojson" "$db" -sql \
  "SELECT geom, kind, name FROM facilities WHERE geom IS NOT NULL"
ogr2ogr -f GeoJSON -t_srs EPSG:6677 "$work/persons.geojson" "$db" -sql \
  "SELECT geom, uses_ventilator, ventilator_mode, home_oxygen FROM persons WHERE geom IS NOT NULL"

cat > "$work/render.py" <<'PY'
# Mapnik map built from an XML style (the form Mapnik's own tools use).
import math, sys, time
import mapnik
work, width, height, lon, lat, zoom, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), \
    float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
mapnik.register_fonts("/usr/share/fonts/opentype/noto/")
srs = "epsg:6677"
kinds = {"rescue_centre": "#2e7d32", "welfare_rescue_centre": "#1565c0",
         "triage_point": "#ef7c00", "disaster_base_hospital": "#9c143c",
         "disaster_cooperating_hospital": "#6a1b9a", "health_centre": "#00796b"}
def datasource(name):
    return ('<Datasource><Parameter name="type">geojson</Parameter>'
            '<Parameter name="file">%s/%s.geojson</Parameter></Datasource>' % (work, name))
line = 'stroke-linecap="round" stroke-linejoin="round"'
facility_rules = "".join(
    '<Rule><Filter>[kind] = \'%s\'</Filter>'
    '<MarkersSymbolizer fill="%s" stroke="white" stroke-width="1.5" width="14" height="14" '
    'allow-overlap="true" ignore-placement="true"/>'
    '<TextSymbolizer face-name="Noto Sans CJK JP Regular" size="15" fill="#1e1e1e" '
    'halo-fill="white" halo-radius="1" dx="14" placement-type="simple">[name]</TextSymbolizer>'
    '</Rule>' % (k, c) for k, c in kinds.items())
person = ('<Rule><Filter>%s</Filter><MarkersSymbolizer fill="%s" stroke="#282828" '
          'stroke-width="1" width="9" height="9" allow-overlap="true" ignore-placement="true"/></Rule>')
xml = f"""<Map srs="{srs}" background-color="#f2efe9">
<Style name="ward"><Rule><PolygonSymbolizer fill="#fbf8f0"/>
  <LineSymbolizer stroke="#6a3d9a" stroke-width="2.5" {line}/></Rule></Style>
<Style name="road-casing"><Rule><LineSymbolizer stroke="#a0643c" stroke-width="7" {line}/></Rule></Style>
<Style name="road"><Rule><LineSymbolizer stroke="#f6c36b" stroke-width="5" {line}/></Rule></Style>
<Style name="facilities">{facility_rules}</Style>
<Style name="persons">{person % ("[ventilator_mode] = 'TPPV'", "#d81b60")}
  {person % ("[ventilator_mode] = 'NPPV'", "#d81b60")}
  {person % ("[home_oxygen] = 1", "#d81b60")}</Style>
<Layer name="ward" srs="{srs}"><StyleName>ward</StyleName>{datasource("ward")}</Layer>
<Layer name="roads" srs="{srs}"><StyleName>road-casing</StyleName><StyleName>road</StyleName>
  {datasource("roads")}</Layer>
<Layer name="facilities" srs="{srs}"><StyleName>facilities</StyleName>{datasource("facilities")}</Layer>
<Layer name="persons" srs="{srs}"><StyleName>persons</StyleName>{datasource("persons")}</Layer>
</Map>"""
m = mapnik.Map(width, height)
mapnik.load_map_from_string(m, xml)
centre = mapnik.ProjTransform(mapnik.Projection("epsg:4326"), mapnik.Projection(srs)).forward(
    mapnik.Coord(lon, lat))
mpp = 40075016.686 * math.cos(math.radians(lat)) / (256 * 2 ** zoom)
hw, hh = width * mpp / 2, height * mpp / 2
m.zoom_to_box(mapnik.Box2d(centre.x - hw, centre.y - hh, centre.x + hw, centre.y + hh))
best = float("inf")
for i in range(runs):
    t = time.perf_counter()
    image = mapnik.Image(width, height)
    mapnik.render(m, image)
    image.save(work + "/mapnik.png", "png")
    best = min(best, time.perf_counter() - t)
print("%.1f" % (best * 1000))
PY

# Our side: the whole command (open the database, build the scene, create
# the hidden window and font atlas, render, write the PNG), best of N.
ours_best=""
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  "$bin" --db "$db" screenshot --out "$work/ours.png" --size "${width}x${height}" \
    --center "$lon,$lat" --zoom "$zoom" >/dev/null
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ -z "$ours_best" ] || [ "$ms" -lt "$ours_best" ]; then ours_best=$ms; fi
done
# Mapnik: whole process too (python start, import, map setup, render, save),
# and the render+save call alone (printed by the script).
mapnik_best=""
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  render_ms=$(/usr/bin/python3 "$work/render.py" "$work" $width $height $lon $lat $zoom 1)
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ -z "$mapnik_best" ] || [ "$ms" -lt "$mapnik_best" ]; then mapnik_best=$ms; fi
done
render_only=$(/usr/bin/python3 "$work/render.py" "$work" $width $height $lon $lat $zoom "$runs")
# Our render + read back + PNG write alone (the analogue of Mapnik's
# render+save), from the benchmark binary when it was built.
ours_render=""
if [ -x "$build/bench/bench_render" ]; then
  ours_render=$("$build/bench/bench_render" --benchmark_filter=DemoViewToPng \
    --benchmark_format=csv 2>/dev/null | awk -F, '/DemoViewToPng/ { printf "%.1f", $3 }')
fi
echo "view: ${width}x${height}, centre $lon,$lat, zoom $zoom, best of $runs"
echo "breathline screenshot (whole process):  ${ours_best} ms"
echo "mapnik python (whole process):           ${mapnik_best} ms"
echo "mapnik render+save only:                 ${render_only} ms"
[ -n "$ours_render" ] && echo "breathline render+save only:             ${ours_render} ms"
[ -n "$ours_render" ] && awk -v a="$ours_render" -v b="$render_only" \
  'BEGIN { printf "ratio mapnik/breathline (render+save):   %.2f\n", b / a }'
awk -v a="$ours_best" -v b="$mapnik_best" 'BEGIN { printf "ratio mapnik/breathline (whole process): %.2f\n", b / a }'
if [ -n "${KEEP_PNG:-}" ]; then cp "$work/ours.png" "$work/mapnik.png" "$KEEP_PNG"/; fi
