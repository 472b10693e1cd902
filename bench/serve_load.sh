#!/usr/bin/env bash
# Load run of `tocsin serve` on loopback: 100,000 synthetic events, wrk with 200 connections
# for DURATION seconds (default 10) per URL. Bounded in time; loopback only.
#   bench/serve_load.sh [BUILD_DIR] [DURATION]        (default build-release)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-release}
duration=${2:-10}
command -v wrk >/dev/null || { echo "serve_load.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
[ -x "$build/tocsin" ] || { echo "serve_load.sh: $build/tocsin not found (ninja -C $build tocsin)"; exit 1; }
grep -q 'CMAKE_BUILD_TYPE:STRING=Release' "$build/CMakeCache.txt" 2>/dev/null ||
  echo "serve_load.sh: warning: $build is not a Release build"

out=$(mktemp)
"$build/tocsin" serve --synthetic 100000 --port 0 >"$out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
for _ in $(seq 1 300); do
  grep -q 'http://127.0.0.1:' "$out" && break
  kill -0 "$pid" 2>/dev/null || { cat "$out"; exit 1; }
  sleep 0.1
done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$out" | head -1)
[ -n "$base" ] || { echo "serve_load.sh: the server did not start"; cat "$out"; exit 1; }
echo "server: $(head -1 "$out")"
echo "cores: $(nproc)"

for path in "/api/events" "/api/events?kind=shelling,air_strike&country=UKR"; do
  echo
  echo "== wrk -t2 -c200 -d${duration}s $path"
  timeout $((duration + 30)) wrk -t2 -c200 -d"${duration}s" --timeout 5s --latency "$base$path"
done
