#!/usr/bin/env bash
# Fusion precision/recall on UCDP GED Ukraine (dev): several source headlines per UCDP event.
#
#   bench/fusion_eval.sh [BUILD_DIR] [EXTRA INGEST OPTIONS...]
#
# Each distinct (source headline, source date) of /work/shared/eval/dev/ucdp/conflict_data_ukr.csv
# becomes one document (title = headline, no text, date = source date, language detected);
# its gold events are the UCDP events that cite it. After `tocsin ingest`, two documents are
# predicted "same event" when some fused event has a mention from each; gold "same" when they
# share a UCDP event. Pairs are counted over documents that produced at least one fused
# mention. Prints pairwise precision, recall and F1 of merges.
set -euo pipefail
src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$src_dir/build-release}"; shift || true
csv=/work/shared/eval/dev/ucdp/conflict_data_ukr.csv
work="$(mktemp -d /tmp/tocsin-fusion-eval.XXXXXX)"
export TOCSIN_DATA_DIR="${TOCSIN_DATA_DIR:-$build_dir/data}"
python3 - "$csv" "$work" <<'PY'
import csv, json, sys, hashlib
src, work = sys.argv[1], sys.argv[2]
docs = {}
with open(src, encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
for r in rows[1:]:  # row 2 is HXL
    heads = r["source_headline"].split(";")
    dates = r["source_date"].split(";")
    if len(heads) != len(dates): continue
    for h, d in zip(heads, dates):
        h = h.strip(); d = d.strip()[:10]
        if len(h) < 15 or len(d) != 10: continue
        key = hashlib.sha1((h + d).encode()).hexdigest()[:12]
        docs.setdefault(key, {"title": h, "date": d, "gold": set()})["gold"].add(r["id"])
with open(f"{work}/docs.jsonl", "w") as out:
    for k, v in docs.items():
        out.write(json.dumps({"id": k, "title": v["title"], "text": "", "date": v["date"]}, ensure_ascii=False) + "\n")
json.dump({k: sorted(v["gold"]) for k, v in docs.items()}, open(f"{work}/gold.json", "w"))
print(f"documents: {len(docs)} distinct headlines from {len(rows)-1} UCDP events")
PY
"$build_dir/tocsin" ingest --progress never --db "$work/ucdp.db" "$@" "$work/docs.jsonl" | sed -n '1,3p' || true
"$build_dir/tocsin" export --db "$work/ucdp.db" --format jsonl > "$work/events.jsonl"
python3 - "$work" <<'PY'
import json, sys, itertools
work = sys.argv[1]
gold = json.load(open(f"{work}/gold.json"))
pred_pairs, docs = set(), set()
for line in open(f"{work}/events.jsonl"):
    e = json.loads(line)
    ds = sorted({s["doc_id"] for s in e["sources"]})
    docs.update(ds)
    pred_pairs.update(itertools.combinations(ds, 2))
by_gold = {}
for d in docs:
    for g in gold.get(d, []): by_gold.setdefault(g, set()).add(d)
gold_pairs = set()
for ds in by_gold.values(): gold_pairs.update(itertools.combinations(sorted(ds), 2))
tp = len(pred_pairs & gold_pairs)
p = tp / len(pred_pairs) if pred_pairs else 0
r = tp / len(gold_pairs) if gold_pairs else 0
f = 2*p*r/(p+r) if p+r else 0
print(f"documents with a fused mention: {len(docs)}; gold same-event pairs among them: {len(gold_pairs)}; predicted pairs: {len(pred_pairs)}")
print(f"merge precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}  (true positive pairs {tp})")
PY
echo "work dir: $work"
