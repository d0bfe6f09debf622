#!/usr/bin/env python3
"""Article-extraction benchmark: newsgraph against trafilatura, side by side.

usage: html_benchmark.py NEWSGRAPH_BIN BENCHMARK_DIR [--score SCORE_HTML_PY]

BENCHMARK_DIR is shared/data/html-benchmark (html/<key>.html.gz and
ground-truth.json). In one run, on the same pages and machine:
- newsgraph: `newsgraph extract BENCHMARK_DIR/html` (the whole extraction:
  HTML main content and metadata, then every NLP stage), CPU time of the
  child process (user + system);
- trafilatura (when installed: pip install trafilatura==2.3.1
  lxml_html_clean): `trafilatura.extract()` on each page's bytes, CPU time
  of this process (pages decompressed beforehand, as for newsgraph the
  decompression is part of its run);
both scored by shared/tools/score_html.py. Prints one line per system and
the speed ratio against the goal of 4 times trafilatura's pages per
CPU-second. Exit status 1 only when newsgraph's F1 is under 0.970: speed is
a figure to read, never a pass/fail check (timings vary with the machine).
"""
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def score(score_py, truth, pred):
    out = subprocess.run([sys.executable, score_py, truth, pred], capture_output=True, text=True, check=True).stdout
    last = out.strip().splitlines()[-1]
    figures = dict(kv.split("=") for kv in last.split() if "=" in kv)
    return float(figures["F1"]), float(figures["precision"]), float(figures["recall"])


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary, bench = argv[0], argv[1]
    score_py = os.path.join(os.path.dirname(os.path.abspath(bench)), "..", "..", "tools", "score_html.py")
    if "--score" in argv:
        score_py = argv[argv.index("--score") + 1]
    html_dir = os.path.join(bench, "html")
    truth = os.path.join(bench, "ground-truth.json")
    pages = sorted(f for f in os.listdir(html_dir) if f.endswith(".html.gz"))
    tmp = tempfile.mkdtemp()

    ours = os.path.join(tmp, "newsgraph.jsonl")
    before = children_cpu()
    with open(ours, "w") as f:
        subprocess.run([binary, "extract", html_dir], stdout=f, stderr=subprocess.DEVNULL, check=False)
    cpu = children_cpu() - before
    f1, p, r = score(score_py, truth, ours)
    ng_rate = len(pages) / cpu
    print("newsgraph extract   F1=%.3f P=%.3f R=%.3f  %d pages in %.2f CPU-s: %.0f pages per CPU-second" % (f1, p, r, len(pages), cpu, ng_rate))
    ok = f1 >= 0.970

    try:
        import trafilatura
    except ImportError:
        print("trafilatura         not installed (pip install trafilatura==2.3.1 lxml_html_clean): not measured")
        return 0 if ok else 1
    raw = {}
    for name in pages:
        with gzip.open(os.path.join(html_dir, name), "rb") as g:
            raw[name[: -len(".html.gz")]] = g.read()
    pred = {}
    start = time.process_time()
    for key, html in raw.items():
        pred[key] = {"articleBody": trafilatura.extract(html) or ""}
    cpu_t = time.process_time() - start
    theirs = os.path.join(tmp, "trafilatura.json")
    with open(theirs, "w") as f:
        json.dump(pred, f)
    f1_t, p_t, r_t = score(score_py, truth, theirs)
    tr_rate = len(pages) / cpu_t
    print("trafilatura %-7s F1=%.3f P=%.3f R=%.3f  %d pages in %.2f CPU-s: %.0f pages per CPU-second" % (
        trafilatura.__version__, f1_t, p_t, r_t, len(pages), cpu_t, tr_rate))
    ratio = ng_rate / tr_rate
    print("speed ratio: newsgraph extract is %.1f times trafilatura's pages per CPU-second (goal: 4, %s)" % (
        ratio, "met" if ratio >= 4 else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
