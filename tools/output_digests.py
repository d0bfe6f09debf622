#!/usr/bin/env python3
"""Digests of newsgraph's output on fixed inputs: the guard of a change that
must not change one byte of output (a refactoring).

usage: output_digests.py NEWSGRAPH_BIN [--check FILE | --write FILE] [--shared DIR]

Runs the binary on:
- the bundled samples (`data/samples`), plain and with `--segments`;
- a set of inputs in every format that ingest reads, generated here from the
  samples and written byte for byte the same on every run: HTML pages, a
  WARC (gzip per record, as CC-NEWS), an uncompressed WARC, RSS and Atom
  feeds, JSON Lines (plain and gzip), a gzip text, a Latin-1 text (its
  warning) and a missing file (its error);
- with `--shared` (default `../shared` when it exists): the seed article,
  the 181 pages of the HTML benchmark and `newsgraph eval` on every gold
  file (the figures as JSON and the report; MEANTIME also within its
  annotated part).

Each run gives one line `NAME sha256-of-stdout exit=STATUS`: the records
and the exit status are the output under guard. `--write` stores the lines,
`--check` compares with stored ones (entries for the shared data are
compared only when it is there) and exits with 1 on any difference, naming
the runs that differ. The digest of stderr (timing figures blanked) is
printed beside each line for a look, not compared: messages are checked by
the tests, and a change may add a warning. Every run is made
from the repository root with relative paths, because sources are paths.
"""
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = "target/output-digests"  # relative to ROOT: sources in records are paths


def digest(b):
    return hashlib.sha256(b).hexdigest()


def normalise_stderr(b):
    # "(1.2 MB of text in 0.3 s)": the time is the machine's, not the output's
    s = b.decode("utf-8", "replace")
    s = re.sub(r"of text in [0-9.]+ s\)", "of text in T s)", s)
    return s.encode()


def sample_articles():
    """(name, title, published, url, text) of each sample, in name order."""
    out = []
    for corpus in ("gum", "meantime"):
        d = os.path.join(ROOT, "data", "samples", corpus)
        for f in sorted(os.listdir(d)):
            if not f.endswith(".txt"):
                continue
            name = f[:-4]
            text = open(os.path.join(d, f), encoding="utf-8").read()
            side = json.load(open(os.path.join(d, name + ".json"), encoding="utf-8"))
            out.append((name, side.get("title"), side.get("published"), side.get("source_url"), text))
    return out


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def html_page(title, published, text):
    paras = [p for p in text.split("\n\n") if p.strip()]
    body = "\n".join("<p>%s</p>" % esc(p.replace("\n", " ")) for p in paras[1:])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>%s | Sample News</title>\n'
        '<meta property="article:published_time" content="%sT09:30:00Z">\n'
        '<meta property="og:site_name" content="Sample News"></head>\n'
        '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>\n'
        "<article><h1>%s</h1>\n%s\n</article>\n<footer>Copyright Sample News</footer></body></html>\n"
        % (esc(title), published, esc(title), body)
    ).encode("utf-8")


def warc_record(headers, body):
    head = "WARC/1.0\r\n" + "".join("%s: %s\r\n" % kv for kv in headers) + "Content-Length: %d\r\n\r\n" % len(body)
    return head.encode() + body + b"\r\n\r\n"


def gz(b):
    # mtime 0: the same bytes on every run
    return gzip.compress(b, mtime=0)


def generate(d):
    """Writes the mixed-format inputs under `d` (relative to ROOT)."""
    full = os.path.join(ROOT, d)
    shutil.rmtree(full, ignore_errors=True)
    os.makedirs(os.path.join(full, "pages"))
    arts = sample_articles()
    pages = arts[:12]
    for name, title, pub, url, text in pages:
        open(os.path.join(full, "pages", name + ".html"), "wb").write(html_page(title, pub, text))
    recs = [warc_record([("WARC-Type", "warcinfo"), ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0000-000000000000>"),
                         ("Content-Type", "application/warc-fields")], b"software: output_digests\r\n")]
    for i, (name, title, pub, url, text) in enumerate(arts[12:24]):
        html = html_page(title, pub, text)
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n" % len(html) + html
        recs.append(warc_record([("WARC-Type", "request"), ("WARC-Target-URI", url), ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0001-%012d>" % i),
                                 ("Content-Type", "application/http; msgtype=request")], b"GET / HTTP/1.1\r\n\r\n"))
        recs.append(warc_record([("WARC-Type", "response"), ("WARC-Target-URI", url), ("WARC-Record-ID", "<urn:uuid:00000000-0000-0000-0002-%012d>" % i),
                                 ("Content-Type", "application/http; msgtype=response")], http))
    open(os.path.join(full, "archive.warc.gz"), "wb").write(b"".join(gz(r) for r in recs))
    open(os.path.join(full, "plain.warc"), "wb").write(b"".join(recs[:7]))
    items = []
    for name, title, pub, url, text in arts[24:32]:
        paras = [p for p in text.split("\n\n") if p.strip()][1:]
        content = "".join("<p>%s</p>" % esc(p) for p in paras)
        items.append("<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>%s</pubDate>"
                     "<description>%s</description></item>" % (esc(title), esc(url), esc(name), pub, esc(content)))
    rss = ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Sample News</title>'
           "<link>https://example.org/</link><language>en</language>%s</channel></rss>\n" % "".join(items))
    open(os.path.join(full, "feed.rss"), "w", encoding="utf-8").write(rss)
    entries = []
    for name, title, pub, url, text in arts[32:38]:
        paras = [p for p in text.split("\n\n") if p.strip()][1:]
        content = "".join("<p>%s</p>" % esc(p) for p in paras)
        entries.append('<entry><title>%s</title><id>%s</id><link href="%s"/><updated>%sT12:00:00Z</updated>'
                       '<author><name>Desk</name></author><content type="html">%s</content></entry>'
                       % (esc(title), esc(name), esc(url), pub, esc(content)))
    atom = ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>Sample Atom</title>'
            "<id>urn:sample</id><updated>2015-01-01T00:00:00Z</updated>%s</feed>\n" % "".join(entries))
    open(os.path.join(full, "feed.atom"), "w", encoding="utf-8").write(atom)
    lines = []
    for name, title, pub, url, text in arts[38:50]:
        lines.append(json.dumps({"id": name, "title": title, "published": pub, "url": url, "text": text}, ensure_ascii=False))
    lines.append(json.dumps({"id": "fragment", "html": "<p>Officials said on Monday that the talks would go on.</p><h2>Next</h2><p>“We are ready,” she said.</p>"}))
    lines.append(json.dumps({"id": 7, "text": "A record with a numeric id and a bad date.", "published": "someday"}))
    lines.append("not json")
    lines.append(json.dumps({"title": "no text"}))
    jl = "\n".join(lines) + "\n"
    open(os.path.join(full, "articles.jsonl"), "w", encoding="utf-8").write(jl)
    open(os.path.join(full, "more.jsonl.gz"), "wb").write(gz("\n".join(lines[:4]).encode("utf-8")))
    name, title, pub, url, text = arts[50]
    open(os.path.join(full, "packed.txt.gz"), "wb").write(gz(text.encode("utf-8")))
    name, title, pub, url, text = arts[51]
    latin = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'").replace("\u2014", "-") + "\nCaf\u00e9 na\u00efve \u00a3\n"
    open(os.path.join(full, "latin1.txt"), "wb").write(latin.encode("latin-1", "replace"))
    open(os.path.join(full, "pages", "crlf.txt"), "wb").write(("\ufeff" + arts[52][4]).replace("\n", "\r\n").encode("utf-8"))


def runs(binary, shared):
    """(name, argv) of every run; argv relative to ROOT."""
    out = [
        ("samples", [binary, "extract", "data/samples"]),
        ("samples-segments", [binary, "extract", "--segments", "data/samples"]),
        ("formats", [binary, "extract", GEN, GEN + "/missing.txt"]),
        ("formats-no-dedup", [binary, "extract", "--no-dedup", "--segments", GEN]),
        ("stdin-dated", [binary, "extract", "--published", "2015-03-02", "-"]),
    ]
    if shared:
        out.append(("seed", [binary, "extract", shared + "/fixtures/seed/article.txt"]))
        out.append(("html-benchmark", [binary, "extract", shared + "/data/html-benchmark/html"]))
        gold = os.path.join(ROOT, shared, "data", "gold")
        for g in sorted(os.listdir(gold)):
            if g.endswith(".jsonl"):
                out.append(("eval-" + g[:-6], [binary, "eval", shared + "/data/gold/" + g, "--json"]))
        out.append(("eval-meantime-train-annotated", [binary, "eval", shared + "/data/gold/meantime-train.jsonl", "--annotated-extent"]))
    return out


def main(argv):
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    binary = os.path.abspath(argv[0])
    mode, path, shared = None, None, None
    i = 1
    while i < len(argv):
        if argv[i] in ("--check", "--write"):
            mode, path = argv[i], argv[i + 1]
            i += 2
        elif argv[i] == "--shared":
            shared = argv[i + 1]
            i += 2
        else:
            print("unknown argument: %s" % argv[i], file=sys.stderr)
            return 2
    if shared is None and os.path.isdir(os.path.join(ROOT, "..", "shared", "data", "gold")):
        shared = "../shared"
    generate(GEN)
    stdin_text = sample_articles()[60][4].encode("utf-8")
    got = {}
    for name, cmd in runs(binary, shared):
        p = subprocess.run(cmd, cwd=ROOT, input=stdin_text if cmd[-1] == "-" else None, capture_output=True)
        got[name] = "%s exit=%d" % (digest(p.stdout), p.returncode)
        print("%-32s %s stderr=%s" % (name, got[name], digest(normalise_stderr(p.stderr))[:16]))
    if mode == "--write":
        with open(path, "w") as f:
            f.write("# newsgraph output digests: tools/output_digests.py (stdout sha256, exit status)\n")
            for k, v in got.items():
                f.write("%s %s\n" % (k, v))
        return 0
    if mode == "--check":
        stored = {}
        for line in open(path):
            if line.strip() and not line.startswith("#"):
                k, v = line.rstrip("\n").split(" ", 1)
                stored[k] = v
        bad = [k for k in got if k in stored and stored[k] != got[k]]
        missing = [k for k in got if k not in stored]
        for k in bad:
            print("DIFFERS: %s\n  stored %s\n  now    %s" % (k, stored[k], got[k]))
        for k in missing:
            print("NOT STORED: %s" % k)
        compared = len([k for k in got if k in stored])
        print("output digests: %d compared, %d differ, %d not stored" % (compared, len(bad), len(missing)))
        return 1 if bad or missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
