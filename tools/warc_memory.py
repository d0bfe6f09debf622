#!/usr/bin/env python3
"""Memory on a large WARC: newsgraph extract streams, whatever the archive size.

usage: warc_memory.py NEWSGRAPH_BIN HTML_DIR [--gb 1.0]

Writes a WARC (gzip per record, the CC-NEWS layout) of the HTML pages of
HTML_DIR repeated until the uncompressed records pass --gb gigabytes, runs
`newsgraph extract` on it (records to /dev/null, near-duplicate detection
on), and prints the peak resident memory of the run, the records, and the
CPU time. Also runs one copy of the pages alone, so that the two peaks can
be compared: a flat memory profile gives about the same peak for both.
"""
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid


def record(kind, url, body):
    head = ("WARC/1.0\r\nWARC-Type: %s\r\nWARC-Target-URI: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\n"
            "Content-Type: application/http; msgtype=%s\r\nContent-Length: %d\r\n\r\n" % (kind, url, uuid.uuid4(), kind, len(body)))
    raw = head.encode() + body + b"\r\n\r\n"
    return raw, gzip.compress(raw, compresslevel=1)


def write_warc(path, pages, target_bytes):
    raw_total = 0
    n = 0
    with open(path, "wb") as out:
        while raw_total < target_bytes:
            for html in pages:
                body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(html) + html
                raw, packed = record("response", "https://example.org/p/%d" % n, body)
                out.write(packed)
                raw_total += len(raw)
                n += 1
                if raw_total >= target_bytes:
                    break
    return n, raw_total


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    binary, html_dir = argv[0], argv[1]
    gb = float(argv[argv.index("--gb") + 1]) if "--gb" in argv else 1.0
    names = sorted(f for f in os.listdir(html_dir) if f.endswith((".html", ".html.gz")))
    pages = [gzip.open(os.path.join(html_dir, f)).read() if f.endswith(".gz") else open(os.path.join(html_dir, f), "rb").read() for f in names]
    tmp = tempfile.mkdtemp()
    small, big = os.path.join(tmp, "once.warc.gz"), os.path.join(tmp, "big.warc.gz")
    n_small, raw_small = write_warc(small, pages, sum(len(p) for p in pages))
    n_big, raw_big = write_warc(big, pages, gb * 1e9)
    for label, path, n, raw in (("once", small, n_small, raw_small), ("big", big, n_big, raw_big)):
        # each run in its own child process, so that its peak is its own
        cmd = [sys.executable, "-c", (
            "import resource,subprocess,sys,os\n"
            "p=subprocess.run([sys.argv[1],'extract',sys.argv[2]],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE)\n"
            "r=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(r.ru_maxrss, r.ru_utime+r.ru_stime, p.stderr.decode().strip().splitlines()[-1] if p.stderr else '')"), binary, path]
        start = time.time()
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.split(maxsplit=2)
        wall = time.time() - start
        peak_mb, cpu = int(out[0]) / 1024, float(out[1])
        print("warc memory (%s): %d records, %.2f GB uncompressed (%.0f MB gzip), peak RSS %.1f MB, %.1f CPU-s, %.1f s wall; %s" % (
            label, n, raw / 1e9, os.path.getsize(path) / 1e6, peak_mb, cpu, wall, out[2].strip() if len(out) > 2 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
