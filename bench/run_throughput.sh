#!/usr/bin/env bash
# Whole-process throughput of `tocsin extract` (start-up, reading, extraction, JSON output), or
# of `tocsin geoparse` with TOCSIN_COMMAND=geoparse.
#
#   bench/run_throughput.sh [CORPUS.jsonl] [BUILD_DIR] [RUNS]
#
# CORPUS    default: the newest /tmp/tocsin-corpus/golden-x*.jsonl, made by bench/make_corpus.sh
#           if there is none
# BUILD_DIR default: build-release (configure it with -DCMAKE_BUILD_TYPE=Release; see README)
# RUNS      default: 5
# TOCSIN_THREADS (environment) passes --threads N (default: one per core)
# TOCSIN_COMMAND (environment) extract (default) or geoparse
#
# Runs `BUILD_DIR/tocsin $TOCSIN_COMMAND CORPUS > /dev/null` RUNS times and prints each wall time, then
# the median wall time, MB/s (10^6 bytes of the corpus file per second) and documents/s (the
# corpus's non-blank lines), with the machine (nproc, CPU model). stderr of the runs goes to
# a log file whose path is printed.
set -euo pipefail

src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-}"
build_dir="${2:-$src_dir/build-release}"
runs="${3:-5}"
command="${TOCSIN_COMMAND:-extract}"
[[ "$command" == extract || "$command" == geoparse ]] || {
  echo "run_throughput.sh: TOCSIN_COMMAND must be extract or geoparse, not '$command'" >&2
  exit 2
}

if [[ -z "$corpus" ]]; then
  corpus="$(ls -t /tmp/tocsin-corpus/golden-x*.jsonl 2>/dev/null | head -n 1 || true)"
  if [[ -z "$corpus" ]]; then
    corpus="$("$src_dir/bench/make_corpus.sh" | tail -n 1)"
  fi
fi
[[ -f "$corpus" ]] || { echo "run_throughput.sh: no corpus file '$corpus'" >&2; exit 2; }
binary="$build_dir/tocsin"
[[ -x "$binary" ]] || {
  echo "run_throughput.sh: no $binary; build it first:" >&2
  echo "  cmake -S $src_dir -B $build_dir -G Ninja -DCMAKE_BUILD_TYPE=Release && ninja -C $build_dir tocsin" >&2
  exit 2
}
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt" 2>/dev/null || true)"
build_type="${build_type:-RelWithDebInfo (project default)}"
if [[ "$build_type" != "Release" ]]; then
  echo "run_throughput.sh: warning: $build_dir is a $build_type build, not Release" >&2
fi
export TOCSIN_DATA_DIR="${TOCSIN_DATA_DIR:-$build_dir/data}"

bytes=$(stat -c %s "$corpus")
docs=$(grep -c '[^[:space:]]' "$corpus" || true)
log="$(mktemp /tmp/tocsin-throughput.XXXXXX.log)"

echo "machine : $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(uname -sr)"
echo "load    : $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min, before the runs)"
echo "binary  : $binary (CMAKE_BUILD_TYPE=$build_type)"
echo "corpus  : $corpus ($bytes bytes, $docs documents)"
echo "command : $binary $command ${TOCSIN_THREADS:+--threads $TOCSIN_THREADS }$corpus > /dev/null   (x$runs)"

times=()
status=0
for ((i = 1; i <= runs; i++)); do
  t0=$(date +%s%N)
  "$binary" "$command" ${TOCSIN_THREADS:+--threads "$TOCSIN_THREADS"} "$corpus" > /dev/null 2>> "$log" || status=$?
  t1=$(date +%s%N)
  ns=$((t1 - t0))
  times+=("$ns")
  awk -v i="$i" -v ns="$ns" -v st="$status" 'BEGIN { printf "run %d   : %.3f s (exit %d)\n", i, ns / 1e9, st }'
done

median_ns=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}')
awk -v ns="$median_ns" -v bytes="$bytes" -v docs="$docs" 'BEGIN {
  s = ns / 1e9
  printf "median  : %.3f s wall\n", s
  printf "rate    : %.2f MB/s (%.2f MiB/s), %.0f documents/s\n", bytes / 1e6 / s, bytes / 1048576 / s, docs / s
}'
echo "stderr  : $log ($(wc -l < "$log") lines)"
if ((status != 0)); then
  echo "run_throughput.sh: warning: tocsin exited with status $status (see $log)" >&2
fi
