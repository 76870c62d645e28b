#!/usr/bin/env python3
"""Build data/rome-appellations.csv: everyday job titles (ROME 4.0 appellations) with the ROME
v3 code Relais uses, so that « boulanger » or « cariste » can be typed as a sector.

Usage (from anywhere):
    python3 data/build/make_appellations.py [--shared DIR] [--out DIR]

Input: <repo root>/../shared/data/rome/appellations.csv (France Travail ROME 4.0 v4.60,
Licence Ouverte; provenance in data/SOURCES.md). Output: data/rome-appellations.csv,
`;`-separated, UTF-8 without BOM, '\n', header first:

    libelle;rome;reglemente;peu_usite;mots

- libelle: the short label (`libelle_appellation_court`), as France Travail writes it;
- rome: `code_rome_parent`, the ROME v3 code of data/rome_metiers.csv (the profile's and the
  catalogue's `sectors` are v3 codes; `code_rome` is a ROME 4.0 fiche they do not know);
- reglemente: `o` when the ROME 4.0 fiche of the appellation is flagged `emploi_reglemente`
  (the source fills the flag on the fiche's main appellation only: it is spread to the fiche);
- peu_usite: `o` for titles the source flags as seldom used (kept, ranked after the others);
- mots: words of the long label the short one lacks (abbreviations written out: « ind » →
  « industrie »), so that they can be searched without carrying every long label.

Standard library only.
"""

import argparse
import collections
import csv
import gzip
import re
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "data"

STOPWORDS = {"de", "des", "du", "d", "la", "le", "les", "l", "a", "au", "aux", "en", "et",
             "ou", "pour", "sur", "par", "avec", "un", "une"}


def fold(s):
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    s = unicodedata.normalize("NFKD", s.lower()).encode("ascii", "ignore").decode("ascii")
    return s


def words(label):
    """Folded words of a label, parenthesised endings (« (trice) ») dropped."""
    label = re.sub(r"\([^)]*\)", "", label)
    return [w for w in re.split(r"[^a-z0-9]+", fold(label)) if w and w not in STOPWORDS]


def common_prefix(a, b):
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def covered(w, short_words):
    """Is the long label's word `w` already in the short label, up to a gender ending?"""
    for v in short_words:
        if v == w:
            return True
        # « accompagnatrice » for « accompagnateur », « socioprofessionnelle » for
        # « socioprofessionnel »; but « industrie » for « ind » is a word the short label lacks.
        if common_prefix(v, w) >= 5 and (not w.startswith(v) or len(w) - len(v) <= 2):
            return True
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()

    with open(args.shared / "rome" / "appellations.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 13120, len(rows)
    with open(args.out / "rome_metiers.csv", encoding="utf-8", newline="") as f:
        v3 = {r["code"] for r in csv.DictReader(f)}

    regulated_fiches = {r["code_rome"] for r in rows if r["emploi_reglemente"] == "O"}

    # One row per (label, v3 code); the same title may come from two 4.0 fiches of one v3 code.
    merged = collections.OrderedDict()
    for r in rows:
        label = " ".join(r["libelle_appellation_court"].split())
        code = r["code_rome_parent"]
        assert code in v3, (label, code)
        key = (fold(label), code)
        extra = [w for w in words(r["libelle_appellation_long"])
                 if not covered(w, words(label))]
        regulated = r["code_rome"] in regulated_fiches
        rare = r["peu_usite"] == "O"
        if key in merged:
            m = merged[key]
            m["reglemente"] = m["reglemente"] or regulated
            m["peu_usite"] = m["peu_usite"] and rare
            m["mots"] += [w for w in extra if w not in m["mots"]]
        else:
            merged[key] = {"libelle": label, "rome": code, "reglemente": regulated,
                           "peu_usite": rare, "mots": list(dict.fromkeys(extra))}

    out_rows = sorted(merged.values(), key=lambda m: (fold(m["libelle"]), m["rome"]))
    path = args.out / "rome-appellations.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["libelle", "rome", "reglemente", "peu_usite", "mots"])
        for m in out_rows:
            w.writerow([m["libelle"], m["rome"], "o" if m["reglemente"] else "",
                        "o" if m["peu_usite"] else "", " ".join(m["mots"])])
    raw = path.read_bytes()
    print(f"{path.name}: {len(out_rows)} rows, {len(raw)} bytes, "
          f"{len(gzip.compress(raw, 9))} bytes gzip -9; "
          f"{sum(m['reglemente'] for m in out_rows)} regulated, "
          f"{sum(m['peu_usite'] for m in out_rows)} seldom used, "
          f"{sum(bool(m['mots']) for m in out_rows)} with words from the long label")


if __name__ == "__main__":
    main()
