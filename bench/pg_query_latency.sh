#!/usr/bin/env bash
# Latency of the PostgreSQL store's event query with a bbox + date filter over a large store
# (doc/scale-out.md): the two statements PgStore::QueryEvents sends for one page of 100 events
# (count, then the page), with a random 1 x 1 degree box and a random 30-day window, as
# QueryEvents builds them (the n-D GiST index events_space_time).
#
#   bench/pg_query_latency.sh [EVENTS] [SECONDS] [CLIENTS] [BUILD_DIR]
#                                            (defaults: 1000000, 30, 2, build)
#
# Starts throw-away servers (scripts/services.sh, fsync on), creates the schema with
# `tocsin ingest` of the samples, then adds EVENTS synthetic events with SQL (dates over four
# years, points over Ukraine and its neighbours, kinds drawn from eight), ANALYZE, and runs
# pgbench with CLIENTS connections for SECONDS. Prints the latency percentiles of one page
# (both statements). Then the same through HTTP: `tocsin serve --db` on that store (paged mode,
# doc/api.md) and wrk with CLIENTS keep-alive connections for SECONDS, each request
# `/api/events?bbox=...&from=...&to=...&limit=100` with a random 1 x 1 degree box and 30-day
# window (newest first, as the dashboard asks). Nothing is written under the source tree.
set -euo pipefail
src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-1000000}"
seconds="${2:-30}"
clients="${3:-2}"
build_dir="${4:-$src_dir/build}"
binary="$build_dir/tocsin"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
export TOCSIN_DATA_DIR="${TOCSIN_DATA_DIR:-$build_dir/data}"
work="$(mktemp -d /tmp/tocsin-pg-bench.XXXXXX)"
chmod 755 "$work"
trap 'bash "$src_dir/scripts/services.sh" stop "$work/svc" || true; rm -rf "$work"' EXIT
TOCSIN_PG_FSYNC=on bash "$src_dir/scripts/services.sh" start "$work/svc" >"$work/env"
# shellcheck disable=SC1091
source "$work/env"
db="$TOCSIN_TEST_PG"
"$binary" ingest --db "$db" --progress never "$src_dir/samples" >/dev/null
t0=$(date +%s)
psql -q "$db" <<SQL
INSERT INTO events(kind, cameo, violent, date_start, date_end, actor1, actor2, country, lat, lon,
                   precision, geom, mentions, documents, confidence, created_at, updated_at)
SELECT (ARRAY['shelling','air_strike','drone_strike','armed_clash','explosion','ground_advance',
              'protest','arrest'])[1 + g % 8], '190', 1,
       to_char(DATE '2021-01-01' + (g % 1460), 'YYYY-MM-DD'),
       to_char(DATE '2021-01-01' + (g % 1460) + (g % 3), 'YYYY-MM-DD'),
       'RUS', 'UKR', 'UKR', la, lo, 1, ST_SetSRID(ST_MakePoint(lo, la), 4326), 1, 1, 0.5,
       '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z'
FROM (SELECT g, 44 + random() * 8 AS la, 22 + random() * 18 AS lo
      FROM generate_series(1, $events) g) s;
ANALYZE events;
SQL
t1=$(date +%s)
total=$(psql -qtA "$db" -c "SELECT count(*) FROM events")
cols="e.id, e.kind, e.cameo, e.plover_type, e.acled_event_type, e.acled_sub_event_type, e.violent, e.date_start, e.date_end, e.actor1, e.actor1_name, e.actor1_agent, e.actor2, e.actor2_name, e.actor2_agent, p.name, e.country, p.admin1, e.lat, e.lon, e.precision, e.mentions, e.documents, e.confidence, e.fatalities, e.fatalities_low, e.fatalities_high, e.fatality_claims, e.fatalities_by_side, e.created_at, e.updated_at"
where="WHERE TRUE AND e.date_end >= to_char(DATE '2021-01-01' + :d, 'YYYY-MM-DD') AND e.date_start <= to_char(DATE '2021-01-01' + :d + 30, 'YYYY-MM-DD') AND e.span &&& ST_MakeLine(ST_MakePoint(:lo / 100.0, :la / 100.0, 18628 + :d), ST_MakePoint(:lo / 100.0 + 1, :la / 100.0 + 1, 18628 + :d + 30))"
cat >"$work/query.sql" <<SQL
\\set d random(0, 1430)
\\set la random(4400, 5100)
\\set lo random(2200, 3900)
SELECT count(*) FROM events e $where;
SELECT $cols FROM events e LEFT JOIN places p ON p.id = e.place_id $where ORDER BY e.date_start, e.id LIMIT 101;
SQL
echo "machine : $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store   : $total events ($events synthetic, inserted in $((t1 - t0)) s)"
psql -qtA "$db" -c "EXPLAIN SELECT count(*) FROM events e WHERE e.date_end >= '2023-01-01' AND e.date_start <= '2023-01-31' AND e.span &&& ST_MakeLine(ST_MakePoint(30, 48, 19358), ST_MakePoint(31, 49, 19388))" | sed 's/^/plan    : /'
(cd "$work" && "$PG_BIN/pgbench" -n -f query.sql -T "$seconds" -c "$clients" -j "$clients" -l \
  "$db" >pgbench.out 2>&1) || { cat "$work/pgbench.out"; exit 1; }
grep -E "number of transactions|latency average|tps" "$work/pgbench.out" | sed 's/^/pgbench : /'
cat "$work"/pgbench_log.* | python3 -c '
import sys
lat = sorted(int(l.split()[2]) / 1000 for l in sys.stdin if l.strip())
q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
print(f"page    : {len(lat)} pages (count + 100 events): p50 {q(0.5):.1f} ms, p95 {q(0.95):.1f} ms, p99 {q(0.99):.1f} ms, max {lat[-1]:.1f} ms")'

# --- the same page through the HTTP API ---
"$binary" serve --db "$db" --port 0 >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; bash "$src_dir/scripts/services.sh" stop "$work/svc" || true; rm -rf "$work"' EXIT
port=""
for _ in $(seq 1 600); do
  port=$(grep -oE 'http://[0-9.]+:[0-9]+' "$work/serve.out" | head -1 | sed 's/.*://') || true
  [ -n "$port" ] && break
  kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.err"; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "serve did not start"; cat "$work/serve.err"; exit 1; }
cat >"$work/page.lua" <<'LUA'
math.randomseed(os.time())
request = function()
  local d = math.random(0, 1430)
  local la = math.random(4400, 5100) / 100
  local lo = math.random(2200, 3900) / 100
  local t0 = os.time({year = 2021, month = 1, day = 1, hour = 12}) + d * 86400
  local path = string.format("/api/events?bbox=%.2f,%.2f,%.2f,%.2f&from=%s&to=%s&limit=100",
    lo, la, lo + 1, la + 1, os.date("!%Y-%m-%d", t0), os.date("!%Y-%m-%d", t0 + 30 * 86400))
  return wrk.format("GET", path)
end
LUA
curl -sf "http://127.0.0.1:$port/api/stats" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("api     : mode", s.get("mode", "index"), "-", s["events"], "events")'
wrk -t "$clients" -c "$clients" -d "${seconds}s" --latency -s "$work/page.lua" "http://127.0.0.1:$port" >"$work/wrk.out"
grep -E "Requests/sec|Non-2xx|Socket errors" "$work/wrk.out" | sed 's/^ */api     : /'
python3 - "$work/wrk.out" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
p = dict(re.findall(r"^\s+(50|75|90|99)%\s+(\S+)", t, re.M))
print("api     : /api/events bbox+date page of 100:", ", ".join(f"p{k} {v}" for k, v in p.items()))
PY
