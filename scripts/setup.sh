#!/usr/bin/env bash
# Installs every Debian 12 package Breathline needs to build, run and test.
# Idempotent: packages already present are skipped, so a second run is quick
# and needs no network. Runs as root (or through sudo when available).
set -euo pipefail

# Headless machines (CI, servers) can skip the window stack.
with_gui=1
for arg in "$@"; do
  case "$arg" in
    --headless) with_gui=0 ;;
    -h|--help) echo "usage: scripts/setup.sh [--headless]"; exit 0 ;;
    *) echo "setup.sh: unknown option '$arg'" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config git clang-format
  libsqlite3-dev sqlite3 libsqlite3-mod-spatialite libspatialite-dev spatialite-bin
  libgdal-dev gdal-bin python3-gdal libproj-dev proj-data libgeos-dev
  libcairo2-dev fonts-noto-cjk poppler-utils
  postgresql-15 postgresql-15-postgis-3 libpq-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libosmium2-dev libprotozero-dev libexpat1-dev libbz2-dev zlib1g-dev
)
if [ "$with_gui" = 1 ]; then
  packages+=(libimgui-dev libglfw3-dev libgl-dev libfreetype-dev xvfb xauth mesa-utils libgl1-mesa-dri)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "setup: need root to install: ${missing[*]}" >&2; exit 1
  fi
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
