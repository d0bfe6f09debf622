#!/usr/bin/env python3
"""WARC round trip: the same pages, loose and in a WARC, give the same text.

usage: warc_roundtrip.py NEWSGRAPH_BIN HTML_DIR

Writes every HTML page of HTML_DIR (*.html or *.html.gz) into one WARC file,
gzip per record as CC-NEWS does (a `warcinfo` record, then per page a
`request` and an HTTP 200 `response` record), runs `newsgraph extract` on
the loose pages and on the WARC, and checks that the k-th page gives the same
`text` and `title` both ways. Prints one summary line; exit status 1 on any
difference.
"""
import gzip
import json
import os
import subprocess
import sys
import tempfile
import uuid


def record(headers, body):
    head = "WARC/1.0\r\n" + "".join("%s: %s\r\n" % kv for kv in headers) + "Content-Length: %d\r\n\r\n" % len(body)
    return gzip.compress(head.encode() + body + b"\r\n\r\n")


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    binary, html_dir = argv
    names = sorted(f for f in os.listdir(html_dir) if f.endswith((".html", ".html.gz")))
    tmp = tempfile.mkdtemp()
    warc = os.path.join(tmp, "pages.warc.gz")
    with open(warc, "wb") as out:
        out.write(record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", "<urn:uuid:%s>" % uuid.uuid4()),
                          ("Content-Type", "application/warc-fields")], b"software: newsgraph warc_roundtrip\r\n"))
        for i, name in enumerate(names):
            path = os.path.join(html_dir, name)
            html = gzip.open(path).read() if name.endswith(".gz") else open(path, "rb").read()
            url = "https://example.org/page/%d" % i
            out.write(record([("WARC-Type", "request"), ("WARC-Target-URI", url), ("WARC-Record-ID", "<urn:uuid:%s>" % uuid.uuid4()),
                              ("Content-Type", "application/http; msgtype=request")], b"GET /page/%d HTTP/1.1\r\nHost: example.org\r\n\r\n" % i))
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(html) + html
            out.write(record([("WARC-Type", "response"), ("WARC-Target-URI", url), ("WARC-Record-ID", "<urn:uuid:%s>" % uuid.uuid4()),
                              ("Content-Type", "application/http; msgtype=response")], http))

    def run(arg):
        out = subprocess.run([binary, "extract", "--no-dedup", arg], capture_output=True, check=False).stdout.decode()
        return [json.loads(l) for l in out.splitlines() if l.strip()]

    loose = run(html_dir)
    archived = run(warc)
    same = sum(1 for a, b in zip(loose, archived) if a["text"] == b["text"] and a["title"] == b["title"])
    print("warc round trip: %d pages, %d records from the WARC, %d with the same text and title (%.1f MB WARC)" % (
        len(loose), len(archived), same, os.path.getsize(warc) / 1e6))
    return 0 if len(loose) == len(names) and len(archived) == len(loose) and same == len(loose) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
