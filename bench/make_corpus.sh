#!/usr/bin/env bash
# Builds a throughput corpus by replicating the project's own texts into one JSON Lines file.
#
#   bench/make_corpus.sh [TARGET_MB] [OUT_DIR]      (defaults: 20, /tmp/tocsin-corpus)
#
# Sources (read from the source tree, never modified):
#   samples/*.txt        first non-empty line = title, the rest = text (as the .txt reader does)
#   tests/golden/*.test  the text between the `---` and `===` lines; its first line is the title;
#                        the `date:` header is the publication date
# Each replica k of a source document gets its own id ("<name>#k") and its own date (the
# source date plus k days), so that no two documents share an id. No "lang" field is written:
# the language is detected, as for real input.
#
# Output: OUT_DIR/golden-x<K>.jsonl where K is the number of replicas needed to reach TARGET_MB
# (the name is printed on the last line of stdout). The corpus is a generated artefact: do not
# commit it.
set -euo pipefail

target_mb="${1:-20}"
out_dir="${2:-/tmp/tocsin-corpus}"
src_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

case "$(realpath -m "$out_dir")" in
  /work/shared/eval/test*) echo "make_corpus.sh: refusing to write under /work/shared/eval/test" >&2; exit 2 ;;
esac
if ! [[ "$target_mb" =~ ^[0-9]+$ ]] || (( target_mb < 1 )); then
  echo "make_corpus.sh: TARGET_MB must be a positive integer, got '$target_mb'" >&2
  exit 2
fi
command -v python3 >/dev/null || { echo "make_corpus.sh: python3 is required" >&2; exit 1; }
mkdir -p "$out_dir"

python3 - "$src_dir" "$out_dir" "$target_mb" <<'PY'
import datetime, glob, json, os, sys

src_dir, out_dir, target_mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
docs = []  # (name, title, text, date)

for path in sorted(glob.glob(os.path.join(src_dir, "samples", "*.txt"))):
    raw = open(path, encoding="utf-8").read().lstrip("\ufeff")
    lines = raw.split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    title = lines[i].strip() if i < len(lines) else ""
    text = "\n".join(lines[i + 1:])
    name = os.path.basename(path)
    date = "2022-09-13"
    for part in name.split("."):
        for j in range(len(part) - 9):
            try:
                date = datetime.date.fromisoformat(part[j:j + 10]).isoformat()
            except ValueError:
                pass
    docs.append((name, title, text, date))

for path in sorted(glob.glob(os.path.join(src_dir, "tests", "golden", "*.test"))):
    lines = open(path, encoding="utf-8").read().split("\n")
    try:
        start = lines.index("---")
        end = lines.index("===", start + 1)
    except ValueError:
        print(f"make_corpus.sh: skipping {path}: no --- ... === text", file=sys.stderr)
        continue
    date = "2022-01-01"
    for line in lines[:start]:
        if line.startswith("date:"):
            date = line.split(":", 1)[1].split()[0]
    body = lines[start + 1:end]
    title = body[0].strip() if body else ""
    text = "\n".join(body[1:])
    docs.append((os.path.basename(path), title, text, date))

if not docs:
    sys.exit("make_corpus.sh: no source texts found under " + src_dir)

def line(name, title, text, date, k):
    d = (datetime.date.fromisoformat(date) + datetime.timedelta(days=k)).isoformat()
    return json.dumps({"id": f"{name}#{k}", "title": title, "text": text, "date": d},
                      ensure_ascii=False) + "\n"

replica_bytes = sum(len(line(*d, 0).encode("utf-8")) for d in docs)
target = target_mb * 1000 * 1000
replicas = max(1, -(-target // replica_bytes))
out = os.path.join(out_dir, f"golden-x{replicas}.jsonl")
tmp = out + ".tmp"
n = size = 0
with open(tmp, "w", encoding="utf-8") as f:
    for k in range(replicas):
        for d in docs:
            s = line(*d, k)
            f.write(s)
            n += 1
            size += len(s.encode("utf-8"))
os.replace(tmp, out)
text_bytes = sum(len(d[1].encode()) + len(d[2].encode()) for d in docs) * replicas
print(f"{len(docs)} source texts x {replicas} replicas = {n} documents, "
      f"{size} bytes ({size / 1e6:.1f} MB; title+text {text_bytes / 1e6:.1f} MB)")
print(out)
PY
