#!/usr/bin/env python3
"""Load on `newsgraph serve`, with wrk, on loopback only: requests per
second and latency percentiles of the API's two busiest queries, on a
store as it is and while an `index` writes into it.

usage: serve_load.py NEWSGRAPH_BIN STORE [--seconds S] [--connections C]
                     [--write CORPUS.jsonl]

- STORE: a store to serve, e.g. the 100,000 articles that
  tools/store_bench.py makes (--dir keeps it).
- Each run draws its requests from the store: `/api/quotes?speaker=NAME`
  over the 200 most quoted people, `/api/articles?q=WORD` over common
  words of the text.
- --write CORPUS: the same runs again while `newsgraph index` writes
  CORPUS into the store (a corpus from tools/make_corpus.py with another
  --seed, so that its articles are new).

Prints, per run: requests/s, p50, p90, p99 and max latency, and non-2xx
answers. wrk (Debian: apt-get install wrk) must be on PATH.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

WORDS = ["president", "said", "government", "police", "minister", "company", "election", "market", "war", "court",
         "school", "health", "city", "water", "oil", "bank", "team", "military", "report", "law"]


def arg(argv, name, default):
    return argv[argv.index(name) + 1] if name in argv else default


def start_server(binary, store):
    proc = subprocess.Popen([binary, "serve", "--db", store, "--addr", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    m = re.search(r"http://[0-9.:]+", line)
    if not m:
        proc.kill()
        sys.exit("the server did not start: %r" % line)
    return proc, m.group(0)


def paths(url):
    with urllib.request.urlopen(url + "/api/entities?type=PERSON&limit=200") as r:
        people = [e["name"] for e in json.load(r)["items"] if e["quotes"] > 0]
    quotes = ["/api/quotes?" + urllib.parse.urlencode({"speaker": p}) for p in people]
    articles = ["/api/articles?" + urllib.parse.urlencode({"q": w}) for w in WORDS]
    return {"quotes?speaker=": quotes, "articles?q=": articles}


LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%.0f %%.0f %%.0f %%.0f %%d\\n", summary.requests, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
"""


def wrk(url, plist, seconds, connections, tmp):
    listing = os.path.join(tmp, "paths.txt")
    with open(listing, "w") as f:
        f.write("\n".join(plist) + "\n")
    script = os.path.join(tmp, "paths.lua")
    with open(script, "w") as f:
        f.write(LUA % listing)
    out = subprocess.run(["wrk", "-t2", "-c%d" % connections, "-d%ds" % seconds, "--timeout", "10s", "-s", script, url], capture_output=True, text=True, check=True).stdout
    m = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", out)
    n, p50, p90, p99, mx, errors = (int(x) for x in m.groups())
    return n / seconds, p50 / 1000, p90 / 1000, p99 / 1000, mx / 1000, errors


def main(argv):
    if len(argv) < 2 or not shutil.which("wrk"):
        print(__doc__)
        return 2
    binary, store = argv[0], argv[1]
    seconds = int(arg(argv, "--seconds", "15"))
    connections = int(arg(argv, "--connections", "64"))
    corpus = arg(argv, "--write", None)
    server, url = start_server(binary, store)
    tmp = tempfile.mkdtemp()
    try:
        plists = paths(url)
        print("%d connections, %d s a run, %s" % (connections, seconds, store))
        print("%-44s %9s %8s %8s %8s %8s %7s" % ("run", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"))
        modes = [("", None)] + ([("while index writes", corpus)] if corpus else [])
        for label, writing in modes:
            writer = None
            if writing:
                writer = subprocess.Popen([binary, "index", "--db", store, writing], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(2)  # past its start-up, writing
            for name, plist in plists.items():
                r = wrk(url, plist, seconds, connections, tmp)
                print("%-44s %9.0f %8.1f %8.1f %8.1f %8.1f %7d" % (("/api/" + name + " " + label).strip(), *r))
            if writer:
                still = writer.poll() is None
                writer.terminate()
                writer.wait()
                print("(the index was %s during the runs)" % ("writing" if still else "done before the end"))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
