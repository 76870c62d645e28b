#!/usr/bin/env python3
"""Check data/catalogue.csv against the reference files of data/ (FORMATS.md §1).

Usage: python3 data/build/check_catalogue.py [path/to/catalogue.csv]
Exit status 1 and one line per problem if anything is wrong; prints a coverage summary.
Standard library only.
"""

import csv
import datetime as dt
import re
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1]
COLS = ("id;organisation;titre;type;milieu;etablissements;departements;communes;secteurs;"
        "competences;mesures;horaires;activites_reglementees;casier;prerequis;debut;fin;places;"
        "date_maj;suite;contact;description").split(";")
TODAY = dt.date(2026, 11, 23)
FICTIF = "Exemple fictif — "
# The invented offers say so where a contact would be (shown on the sheets).
FICTIF_CONTACT = "Exemple fictif : offre inventée pour la démonstration, pas de vrai contact"
# The real organisations' contact, as each publishes it (its own website), and nothing else:
# no phone number, no address that could be out of date. See SOURCES.md « Contacts ».
PUBLISHED_CONTACTS = {
    "Webforce3": "Site : www.wf3.fr",
    "Permis de construire": "Site : www.assopermisdeconstruire.org",
    "Wake Up Café": "Site : www.wakeupcafe.org",
}

problems = []


def bad(line, col, msg):
    problems.append(f"catalogue.csv:{line}:{col}: {msg}")


def ref(name, key="code"):
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return {r[key]: r for r in csv.DictReader(f)}


def multi(cell):
    return [v.strip() for v in cell.split(",") if v.strip()]


def parse_date(s):
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(s, fmt).date()
        except ValueError:
            pass
    return None


FR_DAYS = "lun|mar|mer|jeu|ven|sam|dim"
OSM_DAYS = "Mo|Tu|We|Th|Fr|Sa|Su"
HH = r"(?:[01]\d|2[0-3]):[0-5]\d-(?:[01]\d|2[0-4]):[0-5]\d"


def horaires_ok(s):
    for days in (FR_DAYS, OSM_DAYS):
        d = rf"(?:{days})(?:-(?:{days}))?"
        rule = rf"{d}(?:,{d})* {HH}(?:,{HH})*"
        if re.fullmatch(rf"{rule}(?:; {rule})*", s):
            return True
    return False


def main():
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DATA / "catalogue.csv"
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        bad(1, "-", "BOM présent (attendu : UTF-8 sans BOM)")
    if b"\r" in raw:
        bad(1, "-", "fins de ligne \\r trouvées (attendu : \\n)")
    text = raw.decode("utf-8")

    etabs = ref("etablissements.csv", "id")
    deps = ref("departements.csv")
    # communes.csv (make_places.py): a code may have a second row (a commune déléguée under
    # the same code); the first row is the current commune. `dep` is given only when it is not
    # the code's prefix.
    communes = {}
    with open(DATA / "communes.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            c = r["code"]
            r["departement"] = r["dep"] or (c[:3] if c.startswith("97") else c[:2])
            communes.setdefault(c, r)
    rome = ref("rome_metiers.csv")
    regions = ref("regions.csv")
    voc = {}
    with open(DATA / "vocabulaire.csv", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            voc.setdefault(r["kind"], set()).add(r["code"])

    rows = list(csv.reader(text.splitlines(), delimiter=";", quotechar='"'))
    if rows[0] != COLS:
        bad(1, "-", f"en-tête inattendu : {rows[0]}")
    recs = []
    for n, r in enumerate(rows[1:], start=2):
        if len(r) != len(COLS):
            bad(n, "-", f"{len(r)} colonnes au lieu de {len(COLS)}")
            continue
        recs.append((n, dict(zip(COLS, r))))

    ids = Counter(r["id"] for _, r in recs)
    by_id = {r["id"]: r for _, r in recs}
    for n, r in recs:
        rid = r["id"]
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rid):
            bad(n, "id", f"id {rid!r} n'est pas en kebab-case")
        if ids[rid] > 1:
            bad(n, "id", f"id {rid!r} en double")
        for c in ("organisation", "titre", "type", "milieu"):
            if not r[c].strip():
                bad(n, c, "colonne obligatoire vide")
        if r["type"] not in voc["type"]:
            bad(n, "type", f"type inconnu {r['type']!r}")
        if r["milieu"] not in voc["milieu"]:
            bad(n, "milieu", f"milieu inconnu {r['milieu']!r}")
        et, dp, cm = multi(r["etablissements"]), multi(r["departements"]), multi(r["communes"])
        if r["milieu"] in ("dedans", "dedans_dehors") and not et:
            bad(n, "etablissements", "offre dedans sans établissement")
        if r["milieu"] in ("dehors", "dedans_dehors") and not dp:
            bad(n, "departements", "offre dehors sans département")
        if r["milieu"] == "dehors" and et:
            bad(n, "etablissements", "offre dehors avec des établissements")
        for e in et:
            if e not in etabs:
                bad(n, "etablissements", f"établissement inconnu {e!r}")
        for d in dp:
            if d != "*" and d not in deps:
                bad(n, "departements", f"département inconnu {d!r}")
        if "*" in dp and len(dp) > 1:
            bad(n, "departements", "« * » mélangé avec des codes")
        for c in cm:
            if c not in communes:
                bad(n, "communes", f"commune inconnue {c!r}")
            elif dp and "*" not in dp and communes[c]["departement"] not in dp:
                bad(n, "communes", f"commune {c} hors des départements de l'offre")
        for s in multi(r["secteurs"]):
            if not re.fullmatch(r"[A-N](\d{2}(\d{2})?)?", s) or not any(k.startswith(s) for k in rome):
                bad(n, "secteurs", f"code ROME ou préfixe inconnu {s!r}")
        for col, kind in (("mesures", "mesure"), ("activites_reglementees", "activite"),
                          ("prerequis", "prerequis")):
            for v in multi(r[col]):
                if v not in voc[kind]:
                    bad(n, col, f"code inconnu {v!r} (vocabulaire {kind})")
        if r["casier"] and r["casier"] not in voc["casier"]:
            bad(n, "casier", f"code inconnu {r['casier']!r}")
        if r["horaires"] and not horaires_ok(r["horaires"]):
            bad(n, "horaires", f"horaires illisibles {r['horaires']!r}")
        d0 = d1 = None
        for col in ("debut", "fin", "date_maj"):
            if r[col]:
                d = parse_date(r[col])
                if d is None:
                    bad(n, col, f"date illisible {r[col]!r}")
                if col == "debut":
                    d0 = d
                elif col == "fin":
                    d1 = d
                elif d and d > TODAY:
                    bad(n, col, "date de mise à jour dans le futur")
        if d0 and d1 and d1 < d0:
            bad(n, "fin", "fin avant début")
        if r["places"] and not re.fullmatch(r"[1-9]\d*", r["places"]):
            bad(n, "places", f"nombre de places invalide {r['places']!r}")
        for s in multi(r["suite"]):
            if s not in by_id:
                bad(n, "suite", f"suite vers un id inconnu {s!r}")
            elif by_id[s]["milieu"] == "dedans":
                bad(n, "suite", f"suite vers une offre dedans {s!r}")
            if s == rid:
                bad(n, "suite", "suite vers elle-même")
        fict = r["description"].startswith(FICTIF)
        if fict != ("Exemple" in r["organisation"]):
            bad(n, "description", "offre fictive : le nom de l'organisation et la description doivent le dire tous deux")
        if not fict and r["contact"] not in ("", "à compléter") \
                and r["contact"] != PUBLISHED_CONTACTS.get(r["organisation"]):
            bad(n, "contact", "organisation réelle : seulement le contact qu'elle publie (PUBLISHED_CONTACTS), jamais inventé")
        if fict and r["contact"] != FICTIF_CONTACT:
            bad(n, "contact", f"offre fictive : le contact doit dire « {FICTIF_CONTACT} »")

    # ------------------------------------------------------------ summary
    def region_of(d):
        return deps[d]["region_code"] if d in deps else None
    regs = set()
    for _, r in recs:
        for d in multi(r["departements"]):
            if d in deps:
                regs.add(region_of(d))
        for e in multi(r["etablissements"]):
            if e in etabs and etabs[e]["departement"] in deps:
                regs.add(region_of(etabs[e]["departement"]))
    real = [r["id"] for _, r in recs if not r["description"].startswith(FICTIF)]
    print(f"{len(recs)} offres ({len(real)} réelles, {len(recs) - len(real)} fictives)")
    print("types   :", dict(Counter(r["type"] for _, r in recs)))
    print("milieux :", dict(Counter(r["milieu"] for _, r in recs)))
    print("régions :", sorted(regions[g]["nom"] for g in regs))
    print("réelles :", ", ".join(real))
    if problems:
        print("\n".join(problems))
        print(f"{len(problems)} problème(s)")
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
