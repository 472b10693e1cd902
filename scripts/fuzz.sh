#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, ASan+UBSan, in build-fuzz) and runs each for
# SECONDS (default 60) from a seed corpus generated here from the tests' data (nothing of it is
# committed). A crash, a leak, a sanitizer report or an input slower than 10 s fails the run;
# the input is kept in build-fuzz/findings/<target>/. See fuzz/README.md.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all=(text json jsonl html feed records lexicon kinds kb query)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
out=build-fuzz

cmake -S . -B "$out" -G Ninja -DTOCSIN_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DTOCSIN_BUILD_BENCH=OFF >/dev/null
ninja -C "$out" $(printf 'fuzz_%s ' "${targets[@]}")

# Seed corpora, one directory per target, rebuilt from the repository's test data each run.
seeds="$out/seeds"
rm -rf "$seeds"
for t in "${all[@]}"; do mkdir -p "$seeds/$t"; done
cp tests/data/io/*.txt samples/*.txt "$seeds/text/"
cp tests/data/io/*.json tests/data/serve/post_document.json "$seeds/json/"
cp tests/data/io/*.jsonl tests/data/io/sniff-jsonl.data "$seeds/jsonl/"
cp tests/data/io/*.html tests/data/io/sniff-html.data "$seeds/html/"
cp tests/data/eval/petr_small.xml "$seeds/feed/"
cat >"$seeds/feed/rss.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Wire</title><link>https://example.org</link><language>en-us</language>
<item><title>Drones hit Belgorod</title><link>https://example.org/1</link><guid>g1</guid>
<pubDate>Wed, 10 Jan 2024 08:00:00 GMT</pubDate><dc:date>2024-01-10</dc:date>
<description>&lt;p&gt;Ukrainian drones struck an oil depot near &lt;b&gt;Belgorod&lt;/b&gt;.&lt;/p&gt;</description>
<content:encoded><![CDATA[<p>Full text &amp; more.</p>]]></content:encoded></item>
</channel></rss>
XML
cat >"$seeds/feed/atom.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE feed [<!ENTITY e "x">]>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr"><title>Le Fil</title>
<entry><title>Frappes sur Kherson &e;</title><id>urn:x:1</id><link rel="alternate" href="https://example.fr/a"/>
<published>2024-01-10T06:00:00Z</published><updated>2024-01-11T06:00:00Z</updated>
<content type="html">&lt;p&gt;Des tirs ont frappé Kherson.&lt;/p&gt;</content></entry>
</feed>
XML
# Records: what `tocsin extract` writes, when a build is there; a hand-written one otherwise.
if [ -x build/tocsin ] && [ -f build/data/gazetteer.bin ]; then
  build/tocsin extract --date 2022-09-13 samples/*.txt >"$seeds/records/sample.jsonl" 2>/dev/null || true
fi
cat >"$seeds/records/minimal.jsonl" <<'JSONL'
{"record":"document","doc_id":"d1","date":"2022-09-13","lang":"en","frame":["AZE","ARM"]}
{"record":"event","doc_id":"d1","id":"d1#e1","kind":"shelling","cameo":"194","date":"2022-09-13","actor1":{"code":"AZE"},"actor2":{"code":"ARM"},"places":[{"name":"Goris","country":"ARM","lat":39.5,"lon":46.3,"territory":"sovereign"}],"modality":"asserted","confidence":0.5}
{"record":"casualty","doc_id":"d1","id":"d1#c1","count":7,"qualifier":"at_least","victims":"killed","side":"AZE"}
JSONL
# Lexicon and kinds: the curated files, the lexicons cut into chunks of 40 lines.
for f in data/lang/*/*.tsv; do
  split -l 40 -d "$f" "$seeds/lexicon/$(basename "$(dirname "$f")")-$(basename "$f" .tsv)-"
done
cp data/codes/kinds.tsv "$seeds/kinds/"
# Knowledge base: the first byte picks the file (fuzz_kb.cc).
i=0
for f in states organisations treaties clauses alliances; do
  { printf "\\$(printf '%03o' "$i")"; cat "data/kb/$f.tsv"; } >"$seeds/kb/$f"
  i=$((i + 1))
done
grep -o '"/api/[a-z]*?[^"]*"' src/serve/server_test.cc | tr -d '"' | sed 's/^[^?]*?//' | sort -u |
  while IFS= read -r q; do printf '%s' "$q" >"$seeds/query/$(printf '%s' "$q" | md5sum | cut -c1-12)"; done
cp tests/data/serve/post_document.json "$seeds/query/"

status=0
for t in "${targets[@]}"; do
  corpus="$out/corpus/$t"
  findings="$out/findings/$t"
  mkdir -p "$corpus" "$findings"
  echo "== fuzz_$t: ${seconds}s"
  start=$(date +%s)
  if ! "$out/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len=65536 -print_final_stats=1 -artifact_prefix="$findings/" \
      "$corpus" "$seeds/$t" >"$out/fuzz_$t.log" 2>&1; then
    echo "fuzz_$t: FAILED after $(($(date +%s) - start))s; input in $findings/, log in $out/fuzz_$t.log"
    grep -E "ERROR|SUMMARY|Test unit written" "$out/fuzz_$t.log" | head -5 || true
    status=1
  else
    echo "fuzz_$t: ok, $(grep -E '^stat::number_of_executed_units' "$out/fuzz_$t.log" | awk '{print $2}') runs in $(($(date +%s) - start))s, $(ls "$corpus" | wc -l) inputs in the corpus"
  fi
done
exit $status
