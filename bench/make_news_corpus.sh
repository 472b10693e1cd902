#!/usr/bin/env bash
# A corpus of full-length English news articles for geoparse throughput: the article texts of
# the development geoparsing sets (../shared/eval/dev/geoparsing/TR-News.xml and GeoVirus.xml,
# 356 articles, ~1.8 KB each), replicated to TARGET_MB megabytes of JSON Lines with "lang": "en".
# Needs ../shared beside the repository (evaluation data, never committed); the corpus is written
# under /tmp and must not be committed either.
#
#   bench/make_news_corpus.sh [TARGET_MB] [OUT_DIR]     (defaults 10, /tmp/tocsin-corpus)
#   TOCSIN_COMMAND=geoparse TOCSIN_THREADS=1 bench/run_throughput.sh "$(bench/make_news_corpus.sh | tail -1)"
set -euo pipefail
src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target_mb="${1:-10}"
out_dir="${2:-/tmp/tocsin-corpus}"
gold_dir="$src_dir/../shared/eval/dev/geoparsing"
[[ -f "$gold_dir/TR-News.xml" ]] || { echo "make_news_corpus.sh: $gold_dir/TR-News.xml not found" >&2; exit 2; }
mkdir -p "$out_dir"
out="$out_dir/news-${target_mb}mb.jsonl"
python3 - "$gold_dir" "$out" "$target_mb" <<'PY'
import html, json, re, sys
gold_dir, out, target_mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
docs = []
for name in ("TR-News.xml", "GeoVirus.xml"):
    try:
        text = open(f"{gold_dir}/{name}", encoding="utf-8").read()
    except OSError:
        continue
    docs += [html.unescape(m.group(1)) for m in re.finditer(r"<text>(.*?)</text>", text, re.S)]
total, k = 0, 0
with open(out, "w", encoding="utf-8") as f:
    while total < target_mb * 1e6:
        for i, d in enumerate(docs):
            line = json.dumps({"id": f"news{i}#{k}", "text": d, "date": "2020-01-01", "lang": "en"},
                              ensure_ascii=False) + "\n"
            f.write(line)
            total += len(line.encode())
        k += 1
print(f"{len(docs)} articles, {total} bytes", file=sys.stderr)
PY
echo "$out"
