#!/usr/bin/env python3
"""The store's benchmark: indexing against extracting, the store's size, and
the latency of each query.

usage: store_bench.py NEWSGRAPH_BIN [--articles N] [--dir DIR] [--warc HTML_DIR]

1. Makes a corpus of N articles (default 100,000) from the bundled samples
   with tools/make_corpus.py (distinct texts, dates spread over 2005-2025).
2. Runs `newsgraph extract` and `newsgraph index` on it, one after the
   other in this run (both look for near-duplicates), and prints their
   throughput and its ratio (index / extract), and the store's size per
   article.
3. Runs `newsgraph bench --store` on the store: the median, 95th percentile
   and maximum latency of each query, with parameters drawn from the store.
4. With --warc HTML_DIR (e.g. ../shared/data/html-benchmark/html): the same
   ratio on a WARC of those pages in five editions (gzip per record, as
   CC-NEWS), where reading HTML is part of both commands' work.

Files go to DIR (default: a temporary directory, removed at the end).
"""
import gzip
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd):
    """Wall seconds and CPU seconds of a command (its children's rusage)."""
    before = os.times()
    start = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.monotonic() - start
    after = os.times()
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def warc(html_dir, out, editions=5):
    """A WARC of the pages, each in `editions` editions whose text differs
    (an edition note in the first paragraph; canonical addresses dropped),
    so that each is an article of its own for the store."""
    names = sorted(f for f in os.listdir(html_dir) if f.endswith((".html", ".html.gz")))
    n = 0
    with open(out, "wb") as f:
        for e in range(editions):
            for i, name in enumerate(names):
                path = os.path.join(html_dir, name)
                html = gzip.open(path).read() if name.endswith(".gz") else open(path, "rb").read()
                html = html.replace(b'rel="canonical"', b'rel="nofollow"').replace(b"og:url", b"og:x-url")
                html = html.replace(b"<p>", b"<p>Edition %d of this page. " % e, 1)
                http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(html) + html
                head = ("WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/%d/%d\r\n"
                        "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\nContent-Type: application/http; msgtype=response\r\n"
                        "Content-Length: %d\r\n\r\n" % (e, i, n, len(http))).encode()
                f.write(gzip.compress(head + http + b"\r\n\r\n", mtime=0))
                n += 1
    return n


def ratio(binary, inputs, db, label, count):
    if os.path.exists(db):
        os.remove(db)
    # both look for near-duplicates: extract within its batches, index in the store
    ew, ec = timed([binary, "extract", inputs])
    iw, ic = timed([binary, "index", "--db", db, inputs])
    print("%-34s extract %6.1f s (%6.0f articles/s), index %6.1f s (%6.0f articles/s): index/extract %.2f" % (
        label, ew, count / ew, iw, count / iw, ew / iw))
    print("%-34s CPU: extract %.1f s, index %.1f s" % ("", ec, ic))


def main(argv):
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    binary = os.path.abspath(argv[0])
    n = int(argv[argv.index("--articles") + 1]) if "--articles" in argv else 100000
    given = argv[argv.index("--dir") + 1] if "--dir" in argv else None
    html = argv[argv.index("--warc") + 1] if "--warc" in argv else None
    d = given or tempfile.mkdtemp(prefix="newsgraph-store-bench-")
    os.makedirs(d, exist_ok=True)
    try:
        corpus = os.path.join(d, "corpus.jsonl")
        if not os.path.exists(corpus):
            subprocess.run([sys.executable, os.path.join(ROOT, "tools", "make_corpus.py"), str(n), corpus], check=True)
        db = os.path.join(d, "store.db")
        ratio(binary, corpus, db, "%d articles (plain text, JSON Lines)" % n, n)
        size = sum(os.path.getsize(p) for p in (db, db + "-wal") if os.path.exists(p))
        print("%-34s %.1f MB, %.1f kB per article (text: %.1f kB per article)" % (
            "store size", size / 1e6, size / 1e3 / n, os.path.getsize(corpus) / 1e3 / n))
        subprocess.run([binary, "bench", "--store", db, "--runs", "200"], check=True)
        if html:
            w = os.path.join(d, "pages.warc.gz")
            pages = warc(html, w)
            ratio(binary, w, os.path.join(d, "pages.db"), "%d HTML pages (WARC)" % pages, pages)
    finally:
        if not given:
            shutil.rmtree(d, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
