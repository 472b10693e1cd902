#!/usr/bin/env bash
# Ingest throughput of the fleet (doc/scale-out.md): documents/s into one PostgreSQL store with
# 1, 2 and 4 `tocsin worker` processes fed by NATS JetStream.
#
#   bench/fleet_throughput.sh [TARGET_MB] [BUILD_DIR] [WORKER_COUNTS]
#                                              (defaults: 1, build, "1 2 4")
#
# Builds a corpus with bench/make_corpus.sh (the project's own texts, shifted dates), writes it
# as RSS feeds of 100 items served by a local HTTP server, starts throw-away PostgreSQL (fsync
# on, as in production) and NATS servers (scripts/services.sh). For each worker count: a fresh
# schema and stream, `tocsin watch --once --publish` (timed), then N workers with --threads 1
# started together; the clock stops when every published document is stored. Prints
# documents/s per worker count. Nothing is written under the source tree.
set -euo pipefail
src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_mb="${1:-1}"
build_dir="${2:-$src_dir/build}"
counts="${3:-1 2 4}"
binary="$build_dir/tocsin"
[[ -x "$binary" ]] || { echo "fleet_throughput.sh: no $binary" >&2; exit 2; }
export TOCSIN_DATA_DIR="${TOCSIN_DATA_DIR:-$build_dir/data}"
work="$(mktemp -d /tmp/tocsin-fleet-bench.XXXXXX)"
chmod 755 "$work"  # the postgres user enters it
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  bash "$src_dir/scripts/services.sh" stop "$work/svc" || true
  rm -rf "$work"
}
trap cleanup EXIT

corpus="$("$src_dir/bench/make_corpus.sh" "$target_mb" "$work/corpus" | tail -n 1)"
mkdir -p "$work/www"
python3 - "$corpus" "$work/www" <<'PY'
import datetime, html, json, sys
corpus, www = sys.argv[1], sys.argv[2]
docs = [json.loads(l) for l in open(corpus, encoding="utf-8") if l.strip()]
def rfc822(d):
    return datetime.date.fromisoformat(d).strftime("%a, %d %b %Y 09:00:00 GMT")
n = 0
for f in range(0, len(docs), 100):
    items = []
    for d in docs[f:f + 100]:
        items.append("<item><title>%s</title><guid>%s</guid><pubDate>%s</pubDate>"
                     "<description>%s</description></item>" % (
                         html.escape(d.get("title", "")), html.escape(d["id"]), rfc822(d["date"]),
                         html.escape(d["text"])))
    open(f"{www}/feed{f // 100}.rss", "w", encoding="utf-8").write(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>wire %d'
        '</title>%s</channel></rss>' % (f // 100, "".join(items)))
    n += 1
print(n)
PY
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$work/www" && exec python3 -m http.server "$port" --bind 127.0.0.1 >/dev/null 2>&1) &
pids+=($!)
ls "$work/www" | sed "s|^|http://127.0.0.1:$port/|" >"$work/feeds.txt"
TOCSIN_PG_FSYNC=on bash "$src_dir/scripts/services.sh" start "$work/svc" >"$work/env"
# shellcheck disable=SC1091
source "$work/env"
docs=$(grep -c '[^[:space:]]' "$corpus")
echo "machine : $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "load    : $(cut -d' ' -f1-3 /proc/loadavg)"
echo "corpus  : $corpus ($docs documents, $(wc -l <"$work/feeds.txt") feeds)"
sleep 1
for k in $counts; do
  schema="bench$k"
  psql -q "$TOCSIN_TEST_PG" -c "CREATE SCHEMA $schema" >/dev/null
  db="$TOCSIN_TEST_PG?options=-csearch_path%3D$schema%2Cpublic"
  t0=$(date +%s%N)
  "$binary" watch "$work/feeds.txt" --db "$work/watch$k.db" --once --publish "$TOCSIN_TEST_NATS" \
    --stream "$schema" 2>"$work/watch$k.log"
  t1=$(date +%s%N)
  published=$(grep -o '[0-9]* published' "$work/watch$k.log" | awk '{s += $1} END {print s}')
  wpids=()
  t2=$(date +%s%N)
  for ((w = 0; w < k; w++)); do
    "$binary" worker --nats "$TOCSIN_TEST_NATS" --stream "$schema" --db "$db" --threads 1 \
      --batch 16 --idle-exit 30 >"$work/worker$k-$w.out" 2>"$work/worker$k-$w.err" &
    wpids+=($!)
  done
  pids+=("${wpids[@]}")
  stored=0 last=-1 still=0 t3=0
  while :; do
    stored=$(psql -qtA "$db" -c "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
    [[ "$stored" != "$last" ]] && { t3=$(date +%s%N); last=$stored; still=0; }
    [[ "$stored" -ge "$published" ]] && break
    # Stalled for 20 s (documents the store already had, or a failure): stop there.
    ((++still > 200)) && { echo "workers $k: stalled at $stored of $published" >&2; break; }
    sleep 0.1
  done
  for p in "${wpids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait "${wpids[@]}" 2>/dev/null || true
  python3 - "$k" "$published" "$stored" "$t0" "$t1" "$t2" "$t3" <<'PY'
import sys
k, pub, stored, t0, t1, t2, t3 = (int(x) for x in sys.argv[1:])
print(f"workers {k}: published {pub} in {(t1 - t0) / 1e9:.2f} s ({pub / ((t1 - t0) / 1e9):.0f}/s); "
      f"stored {stored} in {(t3 - t2) / 1e9:.2f} s: {stored / ((t3 - t2) / 1e9):.1f} documents/s")
PY
done
echo "load    : $(cut -d' ' -f1-3 /proc/loadavg)"
