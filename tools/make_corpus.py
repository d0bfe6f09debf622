#!/usr/bin/env python3
"""A corpus of N articles made from the bundled samples, for benchmarks of
the store (`newsgraph index`, the queries) at a scale the samples alone do
not reach.

usage: make_corpus.py N OUT.jsonl [--seed S]

Each article is a JSON line (`id`, `title`, `published`, `text`): the title
of one sample, its first three paragraphs, then six to twelve paragraphs
drawn from samples at random,
so that texts are distinct (and near-duplicates rare) while their words,
names and quotes are those of real news; `published` is spread evenly over
2005-2025; `id` is `gen-000001`, ... The same N and seed give the same file.
The samples are Wikinews (CC BY 2.5, see data/samples/README.md): a corpus
made from them is theirs too, and is never committed.
"""
import datetime
import json
import os
import random
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def samples():
    out = []
    for corpus in ("gum", "meantime"):
        d = os.path.join(ROOT, "data", "samples", corpus)
        for f in sorted(os.listdir(d)):
            if f.endswith(".txt"):
                lines = open(os.path.join(d, f), encoding="utf-8").read().split("\n")
                # The title line, the date line, then paragraphs: apart by
                # blank lines (GUM) or one per line (MEANTIME).
                title, body = lines[0].strip(), "\n".join(lines[2:])
                paras = [p.strip() for p in re.split(r"\n\s*\n" if "\n\n" in body else r"\n", body) if p.strip()]
                out.append((title, [p for p in paras if len(p) > 80]))
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    n, out = int(argv[0]), argv[1]
    seed = int(argv[argv.index("--seed") + 1]) if "--seed" in argv else 1
    rng = random.Random(seed)
    src = samples()
    pool = [p for _, paras in src for p in paras]
    start = datetime.date(2005, 1, 1)
    days = (datetime.date(2025, 12, 31) - start).days
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            title, own = src[rng.randrange(len(src))]
            k = rng.randint(6, 12)
            paras = (own[:3] if own else []) + [pool[rng.randrange(len(pool))] for _ in range(k)]
            published = start + datetime.timedelta(days=i * days // max(n - 1, 1))
            rec = {"id": "gen-%06d" % (i + 1), "title": title, "published": published.isoformat(), "text": "\n\n".join(paras)}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
