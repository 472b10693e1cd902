#!/usr/bin/python3
"""Throughput of tocsin.extract over a list of documents, to compare with bench/run_throughput.sh
(the CLI on the same corpus). Each run is a fresh interpreter: it imports tocsin, reads the
corpus's JSON Lines into a list of dicts (not timed), then times tocsin.extract(docs) (the first
call also loads the extractor, as the CLI does at start-up) and a second, warm call; and
tocsin.extract(Path(corpus)) (the library reads the file, as the CLI does).

    /usr/bin/python3 bench/python_throughput.py CORPUS.jsonl [RUNS] [THREADS]

MB/s are 10^6 bytes of the corpus file per second, as in run_throughput.sh. Needs the module
on sys.path (scripts/install-python.sh, or PYTHONPATH=build/python)."""
import json
import os
import statistics
import subprocess
import sys
import time

ONE_RUN = r"""
import json, pathlib, sys, time
t0 = time.perf_counter()
import tocsin
t_import = time.perf_counter() - t0
corpus, threads = sys.argv[1], (int(sys.argv[2]) if sys.argv[2] != "-" else None)
docs = [json.loads(line) for line in open(corpus, encoding="utf-8") if line.strip()]
t0 = time.perf_counter(); r = tocsin.extract(docs, threads=threads); cold = time.perf_counter() - t0
t0 = time.perf_counter(); r = tocsin.extract(docs, threads=threads); warm = time.perf_counter() - t0
t0 = time.perf_counter(); f = tocsin.extract(pathlib.Path(corpus), threads=threads)
path = time.perf_counter() - t0
print(json.dumps({"import": t_import, "cold": cold, "warm": warm, "path": path,
                  "records": len(r), "events": len(r.events)}))
"""


def main():
    corpus = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    threads = sys.argv[3] if len(sys.argv) > 3 else "-"
    size = os.path.getsize(corpus)
    print(f"load    : {open('/proc/loadavg').read().split()[:3]} (before the runs)")
    print(f"corpus  : {corpus} ({size} bytes)")
    results = []
    for i in range(runs):
        out = subprocess.run([sys.executable, "-c", ONE_RUN, corpus, threads], check=True,
                             capture_output=True, text=True).stdout
        results.append(json.loads(out))
        r = results[-1]
        print(f"run {i + 1}   : import {r['import']:.3f} s, extract(list) {r['cold']:.3f} s cold, "
              f"{r['warm']:.3f} s warm, extract(Path) {r['path']:.3f} s; {r['records']} records")
    for key, label in (("cold", "extract(list), first call"), ("warm", "extract(list), warm"),
                       ("path", "extract(Path)")):
        m = statistics.median(r[key] for r in results)
        print(f"median  : {label}: {m:.3f} s, {size / 1e6 / m:.2f} MB/s")
    print(f"median  : import {statistics.median(r['import'] for r in results):.3f} s")


if __name__ == "__main__":
    main()
