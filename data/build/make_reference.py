#!/usr/bin/env python3
"""Build Relais' reference data (data/*.csv except catalogue.csv) from the source extracts.

Usage (from anywhere):
    npm install --prefix /tmp/geo @etalab/decoupage-administratif@6.0.0
    python3 data/build/make_reference.py /tmp/geo/node_modules/@etalab/decoupage-administratif

Inputs:
  - <repo root>/../shared/data  (i.e. /work/shared/data): geo/, prisons/, rome/ extracts
    (override with --shared DIR)
  - the npm package @etalab/decoupage-administratif@6.0.0 (argument: its directory, the one
    holding data/communes.json)
Outputs (in <repo root>/data, override with --out DIR):
  regions.csv, departements.csv, disp.csv, etablissements.csv,
  rome_domaines.csv, rome_metiers.csv, vocabulaire.csv

Standard library only. Output: UTF-8 without BOM, ',' separated, RFC 4180 quoting, '\n'.
"""

import argparse
import csv
import json
import re
import sys
import unicodedata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SHARED = REPO_ROOT.parent / "shared" / "data"
DEFAULT_OUT = REPO_ROOT / "data"

TYPE_CODES = {"CP", "CD", "MA", "MC", "CSL", "EPM"}


# ---------------------------------------------------------------------------- helpers

def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=",", quotechar='"', quoting=csv.QUOTE_MINIMAL,
                       lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r[h] if isinstance(r, dict) else r[i] for i, h in enumerate(header)])
    print(f"{path.name}: {len(rows)} rows")


def strip_accents(s):
    # "œ"/"æ" do not decompose: spell them out first
    s = s.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode("ascii")


def slugify(s):
    s = strip_accents(s).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s)
    return s.strip("-")


def norm_place(s):
    """Compare place names ignoring case, accents, hyphens, spaces, apostrophes;
    the abbreviations ST/STE of the administration labels count as SAINT/SAINTE."""
    toks = re.split(r"[^a-z0-9]+", strip_accents(s).lower())
    toks = ["saint" if t == "st" else "sainte" if t == "ste" else t for t in toks]
    return "".join(toks)


SMALL_WORDS = {"de", "du", "des", "la", "le", "les", "sur", "sous", "en", "et", "l", "d",
               "au", "aux", "lès", "les"}


def title_case(label):
    """'TATUTU DE PAPEARI' -> 'Tatutu de Papeari' (small words lowercase except first)."""
    out = []
    for i, w in enumerate(label.split()):
        lw = w.lower()
        if i > 0 and lw in SMALL_WORDS:
            out.append(lw)
        elif lw in ("st", "ste"):
            out.append("Saint" if lw == "st" else "Sainte")
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in lw.split("-")))
    return " ".join(out)


# Place names for the labels that are not simply the commune's name (the "rest" of libelle_ap
# after the type code -> readable place name). Only hyphenation of composite names ("Lyon
# Corbas" -> "Lyon-Corbas", the usual way the administration writes them) and accents on
# commune names that appear in the label (spelling taken from the COG) or that are certain
# (Santé, Orléans, Alençon, Condé, Farlède, Talaudière, Étienne, Maxéville, Rhône,
# Annœullin). Labels not listed here and not equal to their commune are title-cased.
PLACE_OVERRIDES = {
    "NEUVIC SUR L ISLE": "Neuvic-sur-l'Isle",
    "BORDEAUX GRADIGNAN": "Bordeaux-Gradignan",
    "POITIERS VIVONNE": "Poitiers-Vivonne",
    "ORLEANS SARAN": "Orléans-Saran",
    "LILLE ANNOEULLIN": "Lille-Annœullin",
    "LILLE LOOS SEQUEDIN": "Lille-Loos-Sequedin",
    "GRENOBLE VARCES": "Grenoble-Varces",
    "MOULINS YZEURE": "Moulins-Yzeure",
    "ST ETIENNE LA TALAUDIERE": "Saint-Étienne-La Talaudière",
    "RHONE": "Le Rhône",                      # -> "… pour mineurs du Rhône"
    "LYON CORBAS": "Lyon-Corbas",
    "FAAA NUUTANIA": "Faa'a-Nuutania",
    "MATA UTU": "Mata-Utu",
    "ST PIERRE ET MIQUELON": "Saint-Pierre-et-Miquelon",
    "AIX LUYNES": "Aix-Luynes",
    "AVIGNON LE PONTET": "Avignon-Le Pontet",
    "TOULON LA FARLEDE": "Toulon-La Farlède",
    "FRESNES - Villejuif": "Fresnes (site de Villejuif)",
    "MEAUX CHAUCONIN NEUFMONTIERS": "Meaux-Chauconin-Neufmontiers",
    "OSNY PONTOISE": "Osny-Pontoise",
    "PARIS LA SANTE": "Paris-La Santé",
    "SEINE SAINT DENIS": "la Seine-Saint-Denis",  # -> "… de la Seine-Saint-Denis"
    "SUD FRANCILIEN": "Le Sud-Francilien",        # -> "… du Sud-Francilien"
    "ALENCON CONDE SUR SARTHE": "Alençon-Condé-sur-Sarthe",
    "CAEN IFS": "Caen-Ifs",
    "LE MANS LES CROISETTES": "Le Mans-Les Croisettes",
    "RENNES VEZIN": "Rennes-Vezin",
    "MULHOUSE LUTTERBACH": "Mulhouse-Lutterbach",
    "TROYES LAVAU": "Troyes-Lavau",
    "NANCY MAXEVILLE": "Nancy-Maxéville",
    "TOULOUSE SEYSSES": "Toulouse-Seysses",
}


def de_place(place):
    """French 'de' + place with elision and contraction: d'Agen, du Havre, des …, de La …"""
    if place.startswith("Le "):
        return "du " + place[3:]
    if place.startswith("Les "):
        return "des " + place[4:]
    first = strip_accents(place[:1]).upper()
    if first in "AEIOUY":
        return "d'" + place
    return "de " + place


# ---------------------------------------------------------------------------- builders

def build_regions(shared):
    rows = [r for r in read_csv(shared / "geo" / "regions.csv") if r["zone"] != "com"]
    assert len(rows) == 18, len(rows)
    return [{"code": r["code"], "nom": r["nom"]} for r in rows]


def build_departements(shared, region_codes):
    rows = [r for r in read_csv(shared / "geo" / "departements.csv") if r["zone"] != "com"]
    assert len(rows) == 101, len(rows)
    out = []
    for r in rows:
        assert r["region_code"] in region_codes, r
        out.append({"code": r["code"], "nom": r["nom"], "region_code": r["region_code"]})
    return out


def build_disp(shared):
    rows = read_csv(shared / "prisons" / "disp.csv")
    assert len(rows) == 10, len(rows)
    return [{"code": r["code"], "libelle": r["libelle"]} for r in rows], rows


def disp_mapper(disp_rows):
    """Map the source's `disp` column (e.g. 'Bordeaux', 'MSPOM', 'DISP LYON', 'MOM') to codes."""
    table = {}
    for r in disp_rows:
        code = r["code"]
        keys = {code, r["libelle"]}
        for part in r["libelle_source"].split(" / "):
            keys.add(part)
            keys.add(re.sub(r"^DISP\s+", "", part))
        for k in keys:
            table[norm_place(k)] = code

    def f(value):
        key = norm_place(value)
        if key not in table:
            raise SystemExit(f"DISP not mapped: {value!r}")
        return table[key]
    return f


def build_communes(pkg, dep_codes):
    communes = json.loads((pkg / "data" / "communes.json").read_text(encoding="utf-8"))
    actuelles = {}
    out = []
    for c in communes:
        if c["type"] == "commune-actuelle":
            assert c["code"] not in actuelles, c["code"]
            actuelles[c["code"]] = c
            if c["departement"] in dep_codes:
                out.append(c)
        elif c["type"] == "arrondissement-municipal":
            assert c["commune"] in ("75056", "69123", "13055"), c
            out.append(c)
    codes = [c["code"] for c in out]
    assert len(codes) == len(set(codes)), "duplicate commune code"
    for c in out:
        assert c["departement"] in dep_codes, c
    out.sort(key=lambda c: c["code"])
    rows = [{"code": c["code"], "nom": c["nom"], "departement": c["departement"]} for c in out]
    return rows, actuelles


def clean_number(s):
    """Coordinates: drop float artefacts of the source (4.8888490000000004 -> 4.888849);
    the source has at most 7 decimals."""
    if s == "":
        return ""
    return f"{float(s):.7f}".rstrip("0").rstrip(".")


def build_etablissements(shared, actuelles, map_disp):
    src = read_csv(shared / "prisons" / "etablissements_penitentiaires.csv")
    assert len(src) == 186, len(src)
    recs = []
    for r in src:
        label = r["libelle_ap"].strip()
        code, rest = label.split(" ", 1)
        assert code in TYPE_CODES, label
        assert code == r["type_code"], (label, r["type_code"])
        rest = rest.strip()
        commune = actuelles.get(r["commune_insee"])
        assert commune is not None, (label, r["commune_insee"])
        assert commune["departement"] == r["departement_code"], (label, commune)
        if norm_place(rest) == norm_place(commune["nom"]):
            place = commune["nom"]
            how = "commune"
        elif rest in PLACE_OVERRIDES:
            place = PLACE_OVERRIDES[rest]
            how = "override"
        else:
            place = title_case(rest)
            how = "title"
        recs.append({
            "slug": slugify(rest),
            "nom": f"{r['type_libelle']} {de_place(place)}",
            "type": code,
            "commune": r["commune_insee"],
            "commune_nom": commune["nom"],
            "departement": r["departement_code"],
            "disp": map_disp(r["disp"]),
            "latitude": clean_number(r["latitude"]),
            "longitude": clean_number(r["longitude"]),
            "capacite": r["capacite_operationnelle"],
            "source_id": r["id_ap"],
            "libelle_source": label,
            "_how": how,
        })

    # ids: slug of the place; on collision, ALL colliding rows get the type code prefix;
    # if still colliding, the source id is appended.
    def collide(key):
        seen = {}
        for rec in recs:
            seen.setdefault(rec[key], []).append(rec)
        return {k: v for k, v in seen.items() if len(v) > 1}

    for rec in recs:
        rec["id"] = rec["slug"]
    for slug, group in collide("id").items():
        print(f"  id collision on {slug!r}: " + ", ".join(g["libelle_source"] for g in group))
        for rec in group:
            rec["id"] = rec["type"].lower() + "-" + rec["slug"]
    for slug, group in collide("id").items():
        print(f"  id still colliding {slug!r}: appending source id")
        for rec in group:
            rec["id"] = rec["id"] + "-" + (rec["source_id"] or slugify(rec["libelle_source"]))
    ids = [rec["id"] for rec in recs]
    assert len(ids) == len(set(ids)), "establishment ids not unique"
    for i in ids:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i), i
    fleury = [rec for rec in recs if rec["libelle_source"] == "CP FLEURY MEROGIS"]
    assert len(fleury) == 1 and fleury[0]["id"] == "fleury-merogis", fleury
    assert fleury[0]["nom"] == "Centre pénitentiaire de Fleury-Mérogis", fleury[0]["nom"]
    unused = set(PLACE_OVERRIDES) - {rec["libelle_source"].split(" ", 1)[1] for rec in recs}
    assert not unused, f"override never used: {unused}"
    return recs


def build_rome(shared):
    dom = read_csv(shared / "rome" / "rome_grands_domaines.csv")
    assert len(dom) == 14, len(dom)
    dom_codes = {d["code"] for d in dom}
    met = read_csv(shared / "rome" / "rome_v3_metiers.csv")
    assert len(met) == 532, len(met)
    rows = []
    for m in met:
        assert re.fullmatch(r"[A-N]\d{4}", m["code_rome"]), m
        assert m["grand_domaine_code"] in dom_codes and m["code_rome"][0] == m["grand_domaine_code"], m
        rows.append({"code": m["code_rome"], "libelle": m["libelle"], "domaine": m["grand_domaine_code"]})
    assert len({r["code"] for r in rows}) == 532
    return [{"code": d["code"], "libelle": d["libelle"]} for d in dom], rows


# Controlled vocabulary (kind, code, French label, English label). Hand-written: the codes are
# those of FORMATS.md; labels follow the usual French legal/administrative wording.
VOCABULAIRE = [
    ("type", "formation", "Formation", "Training"),
    ("type", "atelier", "Atelier", "Workshop"),
    ("type", "aci", "Atelier et chantier d'insertion (ACI)", "Integration workshop and worksite (ACI)"),
    ("type", "ei", "Entreprise d'insertion (EI)", "Work integration enterprise (EI)"),
    ("type", "etti", "Entreprise de travail temporaire d'insertion (ETTI)", "Work integration temporary agency (ETTI)"),
    ("type", "tig", "Travail d'intérêt général (TIG) — structure d'accueil", "Community service (TIG) — host organisation"),
    ("type", "emploi", "Emploi", "Job"),
    ("type", "accompagnement", "Accompagnement", "Support service"),
    ("milieu", "dedans", "Dedans (milieu fermé)", "Inside (in detention)"),
    ("milieu", "dehors", "Dehors (milieu ouvert)", "Outside (community measure)"),
    ("milieu", "dedans_dehors", "Dedans puis dehors", "Inside, then outside"),
    ("mesure", "sursis_probatoire", "Sursis probatoire", "Probationary suspended sentence"),
    ("mesure", "tig", "Travail d'intérêt général (TIG)", "Community service (TIG)"),
    ("mesure", "liberation_conditionnelle", "Libération conditionnelle", "Parole (conditional release)"),
    ("mesure", "ddse", "Détention à domicile sous surveillance électronique (DDSE)", "Home detention under electronic monitoring (DDSE)"),
    ("mesure", "semi_liberte", "Semi-liberté", "Day release (semi-liberté)"),
    ("mesure", "placement_exterieur", "Placement à l'extérieur", "Outside placement"),
    ("mesure", "suivi_socio_judiciaire", "Suivi socio-judiciaire", "Socio-judicial supervision"),
    ("mesure", "sans_mesure", "Sans mesure en cours (fin de peine)", "No current measure (sentence completed)"),
    ("activite", "mineurs", "Activité impliquant un contact habituel avec des mineurs", "Activity involving regular contact with minors"),
    ("activite", "personnes_vulnerables", "Activité auprès de personnes vulnérables", "Work with vulnerable people"),
    ("activite", "securite_privee", "Sécurité privée (agent de sécurité, surveillance, gardiennage)", "Private security (guard, surveillance)"),
    ("activite", "transport_personnes", "Transport de personnes (taxi, VTC, transport scolaire…)", "Passenger transport (taxi, ride-hailing, school bus…)"),
    ("activite", "sante", "Profession de santé", "Health profession"),
    ("activite", "finance", "Banque, finance, assurance", "Banking, finance, insurance"),
    ("activite", "fonction_publique", "Fonction publique", "Civil service"),
    ("activite", "gestion_entreprise", "Diriger, gérer ou administrer une entreprise", "Running or managing a company"),
    ("activite", "debits_boissons", "Exploitation d'un débit de boissons", "Running a licensed bar"),
    ("activite", "armes", "Activité nécessitant le port ou la détention d'une arme", "Activity requiring carrying or holding a weapon"),
    ("prerequis", "permis_b", "Permis B", "Driving licence (category B)"),
    ("prerequis", "francais_a1", "Français niveau A1", "French, level A1"),
    ("prerequis", "francais_a2", "Français niveau A2", "French, level A2"),
    ("prerequis", "francais_b1", "Français niveau B1", "French, level B1"),
    ("prerequis", "francais_b2", "Français niveau B2", "French, level B2"),
    ("prerequis", "lecture_ecriture", "Savoir lire et écrire", "Can read and write"),
    ("prerequis", "majeur", "Être majeur (18 ans ou plus)", "Adult (18 or over)"),
    ("prerequis", "cace", "CACES (certificat de conduite d'engins en sécurité)", "CACES (plant/forklift operator certificate)"),
    ("prerequis", "sst", "Sauveteur secouriste du travail (SST)", "Workplace first aider (SST)"),
    ("prerequis", "diplome_cap", "CAP ou diplôme équivalent", "CAP vocational diploma or equivalent"),
    ("prerequis", "carte_professionnelle_cnaps", "Carte professionnelle du CNAPS (sécurité privée)", "CNAPS professional card (private security)"),
    ("casier", "aucun", "Aucune demande de casier judiciaire", "No criminal record check"),
    ("casier", "b3", "Demande le bulletin n°3 du casier judiciaire", "Asks for record extract no. 3"),
    ("casier", "b2", "Consulte le bulletin n°2 du casier judiciaire", "Reads record extract no. 2"),
    ("casier", "b2_vierge", "Exige un bulletin n°2 vierge", "Requires a clean record extract no. 2"),
    ("obligation", "travail", "Obligation d'exercer une activité professionnelle", "Obligation to work"),
    ("obligation", "formation", "Obligation de suivre un enseignement ou une formation", "Obligation to follow education or training"),
    ("obligation", "soins", "Obligation de soins", "Obligation to undergo treatment"),
    ("obligation", "indemnisation", "Obligation d'indemniser les victimes", "Obligation to compensate the victims"),
    ("situation", "dedans", "Dedans (détenu·e)", "Inside (detained)"),
    ("situation", "dehors", "Dehors (suivi en milieu ouvert)", "Outside (supervised in the community)"),
]


# Words a court decision or a counsellor writes for an activity of an interdiction d'exercer
# (« enfants », « gardiennage », « taxi »), `|`-separated, without accents: a profile written by
# hand names the activity in them and is read as its code (validation::resolve_places). A
# text with words of several activities bans each of them.
MOTS = {
    ("activite", "mineurs"): "mineur|mineurs|enfant|enfants|adolescent|adolescents|jeunesse|creche",
    ("activite", "personnes_vulnerables"): "vulnerable|vulnerables|personne agee|personnes agees|personnes handicapees|handicap|ehpad",
    ("activite", "securite_privee"): "securite privee|agent de securite|gardiennage|gardien|vigile|surveillance|cnaps",
    ("activite", "transport_personnes"): "taxi|vtc|transport de personnes|transport scolaire|ambulance|chauffeur",
    ("activite", "sante"): "sante|medical|medecin|infirmier|infirmiere|soignant|pharmacie|pharmacien",
    ("activite", "finance"): "banque|bancaire|finance|financier|financiere|assurance|credit",
    ("activite", "fonction_publique"): "fonction publique|fonctionnaire|emploi public",
    ("activite", "gestion_entreprise"): "diriger|gerer|gerant|dirigeant|administrer|controler une entreprise",
    ("activite", "debits_boissons"): "debit de boissons|debits de boissons|bar|buvette|licence iv",
    ("activite", "armes"): "arme|armes",
}


def build_vocabulaire():
    seen = set()
    for kind, code, fr, en in VOCABULAIRE:
        assert (kind, code) not in seen, (kind, code)
        seen.add((kind, code))
        assert fr and en
    assert set(MOTS) <= seen, set(MOTS) - seen
    return [
        {"kind": k, "code": c, "fr": fr, "en": en, "mots": MOTS.get((k, c), "")}
        for k, c, fr, en in VOCABULAIRE
    ]


# ---------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("package", help="directory of @etalab/decoupage-administratif@6.0.0 (holds data/communes.json)")
    ap.add_argument("--shared", default=str(DEFAULT_SHARED), help="source extracts (default: %(default)s)")
    ap.add_argument("--out", default=str(DEFAULT_OUT), help="output directory (default: %(default)s)")
    args = ap.parse_args()
    pkg, shared, out = Path(args.package), Path(args.shared), Path(args.out)
    pkgjson = json.loads((pkg / "package.json").read_text(encoding="utf-8"))
    if pkgjson.get("version") != "6.0.0":
        print(f"warning: decoupage-administratif {pkgjson.get('version')} (expected 6.0.0)", file=sys.stderr)
    out.mkdir(parents=True, exist_ok=True)

    regions = build_regions(shared)
    write_csv(out / "regions.csv", ["code", "nom"], regions)
    deps = build_departements(shared, {r["code"] for r in regions})
    write_csv(out / "departements.csv", ["code", "nom", "region_code"], deps)
    dep_codes = {d["code"] for d in deps}

    disp, disp_src = build_disp(shared)
    write_csv(out / "disp.csv", ["code", "libelle"], disp)

    # communes.csv is written by make_places.py (points, postal codes, former communes).
    _, actuelles = build_communes(pkg, dep_codes)

    etabs = build_etablissements(shared, actuelles, disp_mapper(disp_src))
    write_csv(out / "etablissements.csv",
              ["id", "nom", "type", "commune", "commune_nom", "departement", "disp", "latitude",
               "longitude", "capacite", "source_id", "libelle_source"], etabs)
    outside = sorted({e["departement"] for e in etabs} - dep_codes)
    if outside:
        print(f"  note: establishments in départements not in departements.csv (COM): {outside}")

    dom, met = build_rome(shared)
    write_csv(out / "rome_domaines.csv", ["code", "libelle"], dom)
    write_csv(out / "rome_metiers.csv", ["code", "libelle", "domaine"], met)

    write_csv(out / "vocabulaire.csv", ["kind", "code", "fr", "en", "mots"], build_vocabulaire())


if __name__ == "__main__":
    main()
