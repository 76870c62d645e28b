#!/usr/bin/env python3
"""Build Relais' reference geography: data/communes.csv, and the chef-lieu point of each
département in data/departements.csv.

Usage (from anywhere; run make_reference.py first, it writes departements.csv):
    python3 data/build/make_places.py

Inputs:
  - npm `@etalab/decoupage-administratif@6.0.0` (COG 2026: communes, arrondissements
    municipaux, communes déléguées/associées, postal codes of current communes) and npm
    `codes-postaux@4.1.2` (postal codes of former communes, now déléguées/associées), both
    fetched with `npm pack` into a temporary directory (nothing installed, nothing kept);
    `--packages DIR` reads already unpacked packages (DIR/decoupage, DIR/codes-postaux).
  - <repo root>/../shared/data/geo/communes-centres.csv: one point per commune (geo.api.gouv.fr
    `centre`, COG 2024).
Output (in <repo root>/data, override with --out DIR): communes.csv, departements.csv (three
columns added: cheflieu, lat, lon).

communes.csv columns (`,`, UTF-8, `\\n`, sorted by code then type):
  code    INSEE code
  nom     official name
  type    empty = current commune; ARM = arrondissement municipal; COMD = commune déléguée;
          COMA = commune associée (INSEE's own abbreviations)
  parent  for ARM/COMD/COMA: the current commune it belongs to
  dep     the département, only when it is not the code's prefix (a few communes déléguées
          moved with their commune nouvelle)
  lat,lon WGS84, 2 decimals (about 1 km); empty on a commune déléguée/associée placed at
          its commune nouvelle's point
  cp      postal codes, space-separated; empty on Paris, Lyon and Marseille (their
          arrondissements carry them)

Standard library only.
"""

import argparse
import csv
import json
import math
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "data"
PACKAGES = {
    "decoupage": ("@etalab/decoupage-administratif", "6.0.0"),
    "codes-postaux": ("codes-postaux", "4.1.2"),
}
CITIES = {"75056", "69123", "13055"}
# Communes re-created in 2025 out of Neussargues en Pinatelle (15141), whose communes
# déléguées they were: no centre of their own in the points source, placed at 15141's.
SPLIT_FROM = {"15031": "15141", "15035": "15141", "15047": "15141", "15171": "15141"}
TYPES = {"commune-deleguee": "COMD", "commune-associee": "COMA"}


def fetch_packages(tmp):
    out = {}
    for key, (name, version) in PACKAGES.items():
        res = subprocess.run(["npm", "pack", f"{name}@{version}", "--json"], cwd=tmp,
                             check=True, capture_output=True, text=True)
        info = json.loads(res.stdout)[0]
        print(f"{name}@{version}: {info['integrity']}", file=sys.stderr)
        dest = Path(tmp) / key
        dest.mkdir()
        with tarfile.open(Path(tmp) / info["filename"]) as t:
            t.extractall(dest, filter="data")
        out[key] = dest / "package"
    return out


def dep_prefix(code):
    return code[:3] if code.startswith("97") else code[:2]


def fmt(x):
    # Two decimals (about 1 km) are enough for straight-line distances in km, and cost 10 %
    # less download than three.
    return f"{x:.2f}".rstrip("0").rstrip(".")


def haversine(a, b):
    (la1, lo1), (la2, lo2) = a, b
    p1, p2 = math.radians(la1), math.radians(la2)
    dp, dl = p2 - p1, math.radians(lo2 - lo1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--packages", help="directory holding unpacked decoupage/ and codes-postaux/")
    ap.add_argument("--shared", default=str(DEFAULT_SHARED))
    ap.add_argument("--out", default=str(DEFAULT_OUT))
    args = ap.parse_args()
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        if args.packages:
            pk = {k: Path(args.packages) / k / "package" for k in PACKAGES}
        else:
            pk = fetch_packages(tmp)
        cog = json.loads((pk["decoupage"] / "data" / "communes.json").read_text(encoding="utf-8"))
        depjson = json.loads((pk["decoupage"] / "data" / "departements.json").read_text(encoding="utf-8"))
        laposte = json.loads((pk["codes-postaux"] / "codes-postaux.json").read_text(encoding="utf-8"))

    with open(out / "departements.csv", encoding="utf-8", newline="") as f:
        deps = list(csv.DictReader(f))
    dep_codes = {d["code"] for d in deps}
    assert len(dep_codes) == 101

    points = {}
    with open(Path(args.shared) / "geo" / "communes-centres.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["latitude"] and r["longitude"]:
                points[r["code_insee"]] = (float(r["latitude"]), float(r["longitude"]))

    current = {c["code"]: c for c in cog if c["type"] == "commune-actuelle" and c["departement"] in dep_codes}
    arms = [c for c in cog if c["type"] == "arrondissement-municipal"]
    parts = [c for c in cog if c["type"] in TYPES and c["chefLieu"] in current]
    assert len(arms) == 45 and all(a["commune"] in CITIES for a in arms)

    # Postal codes of former communes (now déléguées/associées) from La Poste's table.
    old_cp = {}
    for r in laposte:
        old_cp.setdefault(r["codeCommune"], set()).add(r["codePostal"])

    # A point for every current commune and arrondissement: its centre; a commune created
    # after 2024 gets the mean of its former communes' centres.
    children = {}
    for p in parts:
        children.setdefault(p["chefLieu"], []).append(p["code"])
    estimated = []
    for code, c in current.items():
        if code in points:
            continue
        olds = [points[x] for x in children.get(code, []) + c.get("anciensCodes", []) + [SPLIT_FROM.get(code, "")]
                if x in points]
        if not olds:
            # Last resort: the communes sharing one of its postal codes (its neighbours).
            cps = set(c.get("codesPostaux", []))
            olds = [points[o["code"]] for o in current.values()
                    if o["code"] in points and cps & set(o.get("codesPostaux", []))]
        assert olds, f"no point for {code} {c['nom']}"
        points[code] = (sum(p[0] for p in olds) / len(olds), sum(p[1] for p in olds) / len(olds))
        estimated.append(code)
    for a in arms:
        assert a["code"] in points, a

    rows = []
    for c in current.values():
        cps = [] if c["code"] in CITIES else sorted(set(c.get("codesPostaux", [])))
        rows.append((c["code"], 0, c["nom"], "", "", c["departement"], points[c["code"]], cps))
    for a in arms:
        rows.append((a["code"], 1, a["nom"], "ARM", a["commune"], a["departement"], points[a["code"]],
                     sorted(set(a.get("codesPostaux", [])))))
    part_points_own = 0
    for p in parts:
        own = p["code"] in points and p["code"] != p["chefLieu"]
        part_points_own += own
        # A former commune without a point of its own (merged before 2024) is placed at its
        # commune nouvelle's point: an approximation of a few km, said in SOURCES.md.
        pt = points[p["code"]] if own else None
        if p["code"] == p["chefLieu"] and p["nom"] == current[p["chefLieu"]]["nom"]:
            continue  # the commune nouvelle itself under the same name: nothing to add
        cps = sorted(old_cp.get(p["code"], set())) if p["code"] != p["chefLieu"] else []
        rows.append((p["code"], 2, p["nom"], TYPES[p["type"]], p["chefLieu"], p["departement"], pt, cps))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))

    # Sanity: every point within 150 km of its département's chef-lieu (overseas: 400 km).
    chef = {d["code"]: d["chefLieu"] for d in depjson}
    for r in rows:
        d = r[5]
        lim = 400 if d.startswith("97") else 150
        dist = haversine(r[6] or points[r[4]], points[chef[d]])
        assert dist < lim, (r[0], r[2], dist)

    with open(out / "communes.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "nom", "type", "parent", "dep", "lat", "lon", "cp"])
        for code, _, nom, typ, parent, dep, pt, cps in rows:
            w.writerow([code, nom, typ, parent, "" if dep == dep_prefix(code) else dep,
                        fmt(pt[0]) if pt else "", fmt(pt[1]) if pt else "", " ".join(cps)])

    with open(out / "departements.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "nom", "region_code", "cheflieu", "lat", "lon"])
        for d in deps:
            c = chef[d["code"]]
            lat, lon = points[c]
            w.writerow([d["code"], d["nom"], d["region_code"], c, fmt(lat), fmt(lon)])

    n = {t: sum(1 for r in rows if r[3] == t) for t in ("", "ARM", "COMD", "COMA")}
    all_cp = {p for r in rows for p in r[7]}
    print(f"communes.csv: {len(rows)} rows: {n[''] } communes, {n['ARM']} arrondissements, "
          f"{n['COMD']} communes déléguées, {n['COMA']} communes associées; "
          f"{len(all_cp)} postal codes; points estimated for {len(estimated)} new communes "
          f"{sorted(estimated)}; {part_points_own} déléguées/associées with a point of their own")


if __name__ == "__main__":
    main()
