#!/usr/bin/env python3
"""Builds fusion gold clusters (doc/fusion.md, "Evaluation") from shared development data, at
evaluation time, outside the repository:

  bench/fusion_gold.py ucdp CSV OUT_DIR   -> OUT_DIR/docs.jsonl, OUT_DIR/gold.jsonl
  bench/fusion_gold.py news NEWS_DIR OUT_DIR

ucdp: each distinct (source headline, source date) of UCDP GED is a document (title only);
documents citing a common UCDP event are one cluster (connected components). Items have no
quote: a document stands for its first fused mention.

news: the French, English and Russian dev reports (NEWS_DIR/{fr,en,ru}.jsonl with their
*_gold.json). Every gold event of scope "main" is an item (its quote). Two items of different
documents are one event when (the rule, by hand, on the gold annotations only):
  - kind family: both violent kinds (violence of any ACLED type is one family) or equal kinds;
  - day: the same gold date;
  - place: a common place name (case-folded), or two places within 25 km, or neither has one;
  - actors: actor1/actor2 equal or one null, in order or swapped when either is symmetric.
Clusters are the connected components of that relation; two items of one document are never
merged (the gold already gives one record per event per document).
"""
import csv, hashlib, itertools, json, math, os, sys

VIOLENT = {"shelling", "air_strike", "drone_strike", "armed_clash", "ground_advance",
           "attack_on_civilians", "explosion", "government_regains_territory",
           "nsa_overtakes_territory", "chemical_weapon", "suicide_bomb", "grenade",
           "sexual_violence", "abduction", "excessive_force", "riot", "mob_violence"}


def components(n, linked):
    parent = list(range(n))
    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for i, j in itertools.combinations(range(n), 2):
        if linked(i, j):
            parent[find(i)] = find(j)
    return [find(i) for i in range(n)]


def ucdp(src, out):
    docs = {}
    with open(src, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows[1:]:  # row 2 is HXL
        heads, dates = r["source_headline"].split(";"), r["source_date"].split(";")
        if len(heads) != len(dates):
            continue
        for h, d in zip(heads, dates):
            h, d = h.strip(), d.strip()[:10]
            if len(h) < 15 or len(d) != 10:
                continue
            key = hashlib.sha1((h + d).encode()).hexdigest()[:12]
            docs.setdefault(key, {"title": h, "date": d, "gold": set()})["gold"].add(r["id"])
    keys = sorted(docs)
    by_event = {}
    for i, k in enumerate(keys):
        for g in docs[k]["gold"]:
            by_event.setdefault(g, []).append(i)
    parent = list(range(len(keys)))
    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for members in by_event.values():
        for m in members[1:]:
            parent[find(m)] = find(members[0])
    with open(os.path.join(out, "docs.jsonl"), "w") as d, open(os.path.join(out, "gold.jsonl"), "w") as g:
        for i, k in enumerate(keys):
            d.write(json.dumps({"id": k, "title": docs[k]["title"], "text": "", "date": docs[k]["date"]},
                               ensure_ascii=False) + "\n")
            g.write(json.dumps({"doc_id": k, "cluster": "u%d" % find(i)}) + "\n")
    print(f"ucdp: {len(keys)} documents from {len(rows) - 1} UCDP events")


def km(a, b):
    r = math.pi / 180
    h = (math.sin((b[0] - a[0]) * r / 2) ** 2 +
         math.cos(a[0] * r) * math.cos(b[0] * r) * math.sin((b[1] - a[1]) * r / 2) ** 2)
    return 2 * 6371 * math.asin(min(1, math.sqrt(h)))


def news(src, out):
    items, docs = [], []
    for lang in ("fr", "en", "ru"):
        with open(os.path.join(src, lang + ".jsonl"), encoding="utf-8") as f:
            docs += [json.loads(l) for l in f if l.strip()]
        gold = json.load(open(os.path.join(src, lang + "_gold.json"), encoding="utf-8"))
        for d in gold["docs"]:
            for e in d["events"]:
                if e.get("scope") != "main" or not e.get("quote") or not e.get("date"):
                    continue
                items.append({"doc": d["id"], "e": e})
    def family(k):
        return "violent" if k in VIOLENT else k
    def same_place(a, b):
        pa, pb = a.get("places") or [], b.get("places") or []
        if not pa and not pb:
            return True
        for x in pa:
            for y in pb:
                nx, ny = (x.get("name") or x.get("text") or "").lower(), (y.get("name") or y.get("text") or "").lower()
                if nx and nx == ny:
                    return True
                if x.get("lat") is not None and y.get("lat") is not None and \
                        km((x["lat"], x["lon"]), (y["lat"], y["lon"])) <= 25:
                    return True
        return False
    def agree(x, y):
        return x is None or y is None or x == y
    def actors(a, b):
        if agree(a.get("actor1"), b.get("actor1")) and agree(a.get("actor2"), b.get("actor2")):
            return True
        sym = a.get("symmetric") or b.get("symmetric")
        return sym and agree(a.get("actor1"), b.get("actor2")) and agree(a.get("actor2"), b.get("actor1"))
    def linked(i, j):
        a, b = items[i], items[j]
        if a["doc"] == b["doc"]:
            return False
        x, y = a["e"], b["e"]
        return (family(x["kind"]) == family(y["kind"]) and x["date"] == y["date"] and
                same_place(x, y) and actors(x, y))
    comp = components(len(items), linked)
    with open(os.path.join(out, "docs.jsonl"), "w") as d:
        for doc in docs:
            d.write(json.dumps(doc, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "gold.jsonl"), "w") as g:
        for it, c in zip(items, comp):
            g.write(json.dumps({"doc_id": it["doc"], "cluster": "n%d" % c, "quote": it["e"]["quote"]},
                               ensure_ascii=False) + "\n")
    multi = sum(1 for c in set(comp) if comp.count(c) > 1)
    print(f"news: {len(docs)} documents, {len(items)} gold events, {multi} cross-document clusters")


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("ucdp", "news"):
        sys.exit("usage: fusion_gold.py ucdp|news SOURCE OUT_DIR")
    os.makedirs(sys.argv[3], exist_ok=True)
    (ucdp if sys.argv[1] == "ucdp" else news)(sys.argv[2], sys.argv[3])
