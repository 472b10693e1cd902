#!/usr/bin/env bash
# Fusion (event coreference) on the development sets, with `tocsin eval fusion` (doc/fusion.md):
#
#   bench/fusion_eval.sh [BUILD_DIR] [EXTRA INGEST OPTIONS...]
#
# Gold clusters are generated here, in a temporary directory, by bench/fusion_gold.py (never
# committed: they derive from /work/shared/eval/dev):
#   news: the French, English and Russian dev reports, ingested into one store; gold events of
#         different documents clustered by the hand-written rule of fusion_gold.py;
#   ucdp: UCDP GED Ukraine source headlines (title-only documents), clustered by the UCDP
#         events that cite them.
# Prints pairwise (cross-document) and B-cubed precision/recall/F1 for each.
set -euo pipefail
src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$src_dir/build}"; shift || true
shared="$src_dir/../shared/eval/dev"
work="$(mktemp -d /tmp/tocsin-fusion-eval.XXXXXX)"
export TOCSIN_DATA_DIR="${TOCSIN_DATA_DIR:-$build_dir/data}"
python3 "$src_dir/bench/fusion_gold.py" news "$shared/news" "$work/news"
python3 "$src_dir/bench/fusion_gold.py" ucdp "$shared/ucdp/conflict_data_ukr.csv" "$work/ucdp"
for set in news ucdp; do
  "$build_dir/tocsin" ingest --progress never --db "$work/$set.db" "$@" "$work/$set/docs.jsonl" \
    | sed -n '1,2p' || true
  echo "== $set"
  "$build_dir/tocsin" eval fusion --db "$work/$set.db" --gold "$work/$set/gold.jsonl"
done
echo "work dir: $work"
