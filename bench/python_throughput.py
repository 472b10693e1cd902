#!/usr/bin/python3
"""Throughput of tocsin.extract over a list of documents against the CLI on the same corpus.

    /usr/bin/python3 bench/python_throughput.py CORPUS.jsonl [RUNS] [THREADS] [BUILD_DIR]

Each run, in turn (interleaved, so both see the same load):
  - cli:    BUILD_DIR/tocsin extract [--threads N] CORPUS > /dev/null (the whole process, as
            bench/run_throughput.sh measures it);
  - python: a fresh /usr/bin/python3 imports tocsin (timed: "import"), reads the corpus's JSON
            Lines into a list of dicts (not timed), then times tocsin.extract(docs) (the first
            call also loads the extractor, as the CLI does at start-up: "cold"), a second call
            ("warm"), and tocsin.extract(Path(CORPUS)) (the library reads the file: "path").
on_error="skip", as the CLI reports bad documents and goes on. Wall time and CPU time (user +
system, every thread) are reported: on a loaded machine the CPU time is the steadier figure.
MB/s are 10^6 bytes of the corpus file per second. The module of BUILD_DIR (default build/) is
used, with its compiled data."""
import json
import os
import resource
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
out = {"import": t_import}
for key, arg in (("cold", docs), ("warm", docs), ("path", pathlib.Path(corpus))):
    w0, c0 = time.perf_counter(), time.process_time()
    r = tocsin.extract(arg, threads=threads, on_error="skip")
    out[key] = time.perf_counter() - w0
    out[key + "_cpu"] = time.process_time() - c0
out["records"], out["events"], out["errors"] = len(r), len(r.events), len(r.errors)
print(json.dumps(out))
"""


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def main():
    corpus = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    threads = sys.argv[3] if len(sys.argv) > 3 else "-"
    build = os.path.abspath(sys.argv[4] if len(sys.argv) > 4 else "build")
    size = os.path.getsize(corpus)
    env = dict(os.environ, PYTHONPATH=os.path.join(build, "python"),
               TOCSIN_DATA_DIR=os.environ.get("TOCSIN_DATA_DIR", os.path.join(build, "data")))
    cli = [os.path.join(build, "tocsin"), "extract"] + \
        (["--threads", threads] if threads != "-" else []) + [corpus]
    print(f"machine : {os.cpu_count()} CPUs; load {' '.join(open('/proc/loadavg').read().split()[:3])}"
          " (1/5/15 min, before the runs)")
    print(f"corpus  : {corpus} ({size} bytes); threads: {threads if threads != '-' else 'default'}")
    results = []
    for i in range(runs):
        c0, w0 = children_cpu(), time.perf_counter()
        subprocess.run(cli, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        r = {"cli": time.perf_counter() - w0, "cli_cpu": children_cpu() - c0}
        out = subprocess.run([sys.executable, "-c", ONE_RUN, corpus, threads], check=True,
                             capture_output=True, text=True, env=env).stdout
        r.update(json.loads(out))
        results.append(r)
        print(f"run {i + 1}   : cli {r['cli']:.3f} s ({r['cli_cpu']:.3f} s CPU); python import "
              f"{r['import']:.3f} s, extract(list) {r['cold']:.3f} s cold ({r['cold_cpu']:.3f} CPU), "
              f"{r['warm']:.3f} s warm ({r['warm_cpu']:.3f} CPU), extract(Path) {r['path']:.3f} s "
              f"({r['path_cpu']:.3f} CPU); {r['records']} records, {r['errors']} skipped")
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    print(f"load    : {' '.join(open('/proc/loadavg').read().split()[:3])} (after the runs)")
    for key, label in (("cli", "CLI tocsin extract"), ("cold", "extract(list), first call"),
                       ("warm", "extract(list), warm"), ("path", "extract(Path)")):
        print(f"median  : {label:26}: {med[key]:7.3f} s wall {size / 1e6 / med[key]:6.2f} MB/s"
              f" ({med['cli'] / med[key] * 100:5.1f}% of CLI) | {med[key + '_cpu']:7.3f} s CPU"
              f" {size / 1e6 / med[key + '_cpu']:6.2f} MB/s per CPU-s"
              f" ({med['cli_cpu'] / med[key + '_cpu'] * 100:5.1f}% of CLI)")
    print(f"median  : import tocsin {med['import']:.3f} s")


if __name__ == "__main__":
    main()
