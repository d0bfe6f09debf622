#!/usr/bin/env bash
# The API against its own OpenAPI document, with schemathesis (PyPI):
# indexes the bundled samples into a temporary store, serves it on a free
# loopback port, and lets schemathesis generate requests for every
# operation (examples, coverage, fuzzing, stateful). It fails on any 5xx,
# an undocumented status or content type, or a body that does not match
# its schema.
#
# usage: tools/api_conformance.sh NEWSGRAPH_BIN [ST_BIN] [MAX_EXAMPLES]
set -euo pipefail
bin=${1:?usage: api_conformance.sh NEWSGRAPH_BIN [ST_BIN] [MAX_EXAMPLES]}
st=${2:-st}
examples=${3:-100}
root="$(cd "$(dirname "$0")/.." && pwd)"
work=$(mktemp -d)
"$bin" serve --db "$work/news.db" --addr 127.0.0.1:0 --index "$root/data/samples" > "$work/serve.out" 2> "$work/serve.err" &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  grep -q "http://" "$work/serve.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://[0-9.:]*' "$work/serve.out" | head -n 1)
[ -n "$url" ] || { echo "the server did not start:"; cat "$work/serve.err"; exit 1; }
"$st" run "$url/api/openapi.json" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance \
  --max-examples "$examples" --seed 1 --no-color
