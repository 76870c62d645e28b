#!/usr/bin/env python3
"""A national-sized data·inclusion services file in the shape of the real records.

    python3 scripts/gen-di-services.py 60000 > /tmp/di60k.json

Each service is one of the real v1 records of ../shared/data/external (the Carif-Oref seed,
staff contacts masked there) with its id, structure id, commune and eligibility zone changed to
a real commune of data/communes.csv, so that the loader's work (place from the address, zone,
publics, Markdown description) is the work of a real file. About 1.5 KB per service: 60,000
services make about 88 MB. Deterministic for a given count. Used for docs/performance.md.
"""
import csv
import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared/data/external/di_v1_services_carif_oref_refugies_info_seed.json"

def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60000
    rng = random.Random(1)
    services = json.loads(SEED.read_text(encoding="utf-8"))
    with open(ROOT / "data/communes.csv", encoding="utf-8") as f:
        communes = [(r["code"], r["nom"], r["cp"].split()[0])
                    for r in csv.DictReader(f) if not r["type"] and r["cp"]]
    out = []
    for i in range(n):
        s = dict(services[i % len(services)])
        code, name, postal = communes[rng.randrange(len(communes))]
        s["id"] = f"gen--{i}"
        s["structure_id"] = f"gen--s{i // 3}"
        s["code_insee"], s["commune"], s["code_postal"] = code, name, postal
        s["zone_eligibilite"] = [code[:2]]
        out.append(s)
    json.dump(out, sys.stdout, ensure_ascii=False)

if __name__ == "__main__":
    main()
