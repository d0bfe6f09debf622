#!/usr/bin/env python3
"""Compare two scorer outputs figure by figure.

usage: compare_scores.py A.json B.json [--tol 0.005] [--strict]

A and B are metrics JSON documents: `newsgraph eval --json` output, or
`score_spans.py --json` output (which prints the JSON object and then its
report lines: the JSON object at the start of the file is read, whatever
follows it is ignored). Every numeric figure found at the same place in both
(e.g. quotes_direct.match.f, entities.PERSON.n_gold, times.value_acc) is
compared; figures that only one side has are listed on stderr as a note
(with --strict they count as differences).

Exit status 0 and one line "scores agree (N figures)" when no common figure
differs by more than the tolerance; 1, listing the differences, when some do;
2 when a file cannot be read or the two have no figure in common.
"""
import argparse
import json
import sys


def load(path):
    """The JSON object at the start of the file (after any white space)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = len(text) - len(text.lstrip())
    try:
        obj, _ = json.JSONDecoder().raw_decode(text, start)
    except json.JSONDecodeError as exc:
        raise SystemExit("%s: no JSON object at the start (%s)" % (path, exc)) from None
    if not isinstance(obj, dict):
        raise SystemExit("%s: the JSON at the start is not an object" % path)
    return obj


def figures(obj, prefix=""):
    """{dotted path: number} of every numeric leaf (booleans are not figures)."""
    out = {}
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.update(figures(v, "%s.%s" % (prefix, k) if prefix else str(k)))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.update(figures(v, "%s[%d]" % (prefix, i)))
    elif isinstance(obj, (int, float)) and not isinstance(obj, bool):
        out[prefix] = float(obj)
    return out


def main(argv):
    ap = argparse.ArgumentParser(description="Compare two metrics JSON documents figure by figure.")
    ap.add_argument("a", help="metrics JSON (newsgraph eval --json, or score_spans.py --json output)")
    ap.add_argument("b", help="metrics JSON to compare with")
    ap.add_argument("--tol", type=float, default=0.005, help="largest allowed difference (default 0.005)")
    ap.add_argument("--strict", action="store_true", help="a figure that only one side has is a difference")
    args = ap.parse_args(argv)
    try:
        fa, fb = figures(load(args.a)), figures(load(args.b))
    except OSError as exc:
        print("cannot read: %s" % exc, file=sys.stderr)
        return 2
    except SystemExit as exc:
        print(exc, file=sys.stderr)
        return 2
    common = [k for k in fa if k in fb]
    only_a = [k for k in fa if k not in fb]
    only_b = [k for k in fb if k not in fa]
    if only_a:
        print("note: only in %s: %s" % (args.a, ", ".join(only_a)), file=sys.stderr)
    if only_b:
        print("note: only in %s: %s" % (args.b, ", ".join(only_b)), file=sys.stderr)
    if not common:
        print("no figure in common between %s and %s" % (args.a, args.b), file=sys.stderr)
        return 2
    diffs = [(k, fa[k], fb[k]) for k in common if not abs(fa[k] - fb[k]) <= args.tol]
    one_sided = (only_a + only_b) if args.strict else []
    if diffs or one_sided:
        print("scores differ (%d of %d figures beyond %g%s):" % (
            len(diffs), len(common), args.tol, ", %d on one side only" % len(one_sided) if one_sided else ""))
        for k, x, y in diffs:
            print("  %s: %r vs %r (diff %.6g)" % (k, x, y, abs(x - y)))
        for k in one_sided:
            print("  %s: only in %s" % (k, args.a if k in fa else args.b))
        return 1
    print("scores agree (%d figures)" % len(common))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
