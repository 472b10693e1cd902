#!/usr/bin/env bash
# Ingest throughput with fusion, and query latency for a month of events.
#
#   bench/ingest_throughput.sh [TARGET_MB] [BUILD_DIR] [RUNS]   (defaults: 8, build-release, 3)
#
# Builds a corpus with bench/make_corpus.sh (the project's own texts replicated with shifted
# dates; ~1,400 documents per MB, so 8 MB is over 10,000 documents), then RUNS times: removes
# the database and runs `tocsin ingest --progress never --db DB CORPUS`, printing the wall
# time and documents/s (median at the end). Then times 20 runs of
# `tocsin events --db DB --since S --until S+30d --format jsonl` (a month of events, with all
# their sources and claims) and `--format table`, and prints the median latency.
set -euo pipefail
src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_mb="${1:-8}"
build_dir="${2:-$src_dir/build-release}"
runs="${3:-3}"
binary="$build_dir/tocsin"
[[ -x "$binary" ]] || { echo "ingest_throughput.sh: no $binary" >&2; exit 2; }
export TOCSIN_DATA_DIR="${TOCSIN_DATA_DIR:-$build_dir/data}"
corpus="$("$src_dir/bench/make_corpus.sh" "$target_mb" /tmp/tocsin-ingest-corpus | tail -n 1)"
docs=$(grep -c '[^[:space:]]' "$corpus")
db="$(mktemp -d /tmp/tocsin-ingest-bench.XXXXXX)/bench.db"
echo "machine : $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load    : $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus  : $corpus ($(stat -c %s "$corpus") bytes, $docs documents)"
echo "command : $binary ingest --progress never --db $db $corpus"
times=()
for ((i = 1; i <= runs; i++)); do
  rm -f "$db" "$db-wal" "$db-shm"
  t0=$(date +%s%N)
  "$binary" ingest --progress never --db "$db" "$corpus" > "$db.log" 2>&1 || true
  t1=$(date +%s%N)
  ns=$((t1 - t0)); times+=("$ns")
  awk -v i="$i" -v ns="$ns" -v d="$docs" 'BEGIN { printf "run %d   : %.3f s, %.0f documents/s\n", i, ns/1e9, d/(ns/1e9) }'
done
sed -n '1,3p' "$db.log"
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
awk -v ns="$median" -v d="$docs" 'BEGIN { printf "median  : %.3f s, %.0f documents/s (whole process, fusion included)\n", ns/1e9, d/(ns/1e9) }'
echo "db size : $(du -h "$db" | cut -f1)"
# The busiest month of the store.
since=$(sqlite3 "$db" "SELECT substr(date_start,1,7) || '-01' FROM events GROUP BY substr(date_start,1,7) ORDER BY count(*) DESC LIMIT 1")
until=$(date -d "$since +30 days" +%F)
n=$("$binary" events --db "$db" --since "$since" --until "$until" --format jsonl | wc -l)
echo "query   : events --since $since --until $until ($n events)"
for fmt in jsonl table; do
  qt=()
  for ((i = 0; i < 20; i++)); do
    t0=$(date +%s%N)
    "$binary" events --db "$db" --since "$since" --until "$until" --format $fmt > /dev/null
    t1=$(date +%s%N); qt+=($((t1 - t0)))
  done
  m=$(printf '%s\n' "${qt[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  awk -v ns="$m" -v f="$fmt" 'BEGIN { printf "latency : --format %-5s median of 20: %.1f ms (whole process)\n", f, ns/1e6 }'
done
