#!/usr/bin/env bash
# Fuzz every parser of Relais with cargo-fuzz (libFuzzer), each target for SECONDS (default 600).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#   RELAIS_FUZZ_ARGS="-fork=1 -ignore_crashes=1" scripts/fuzz.sh 120 schedule   # past a known crash
#
# Needs the nightly toolchain and cargo-fuzz (`cargo +nightly install cargo-fuzz`). The seed
# corpora are built at run time in a temporary directory from ../shared/data/external (real
# exports of other tools) and data/ (the project's catalogues); nothing from outside is copied
# into the repository. What the fuzzers add to a corpus stays in that temporary directory
# (printed at the end). A crash is written to fuzz/artifacts/TARGET/: turn it into a test in
# crates/core/tests/fuzz-regressions/ (see crates/core/tests/hostile.rs), then fix it.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SECONDS_EACH="${1:-600}"
shift || true
SHARED="${RELAIS_SHARED:-$ROOT/../shared}"
EXTERNAL="$SHARED/data/external"
ALL=(csv_catalogue json_catalogue datainclusion lheo profile schedule places workbook handover)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

WORK="$(mktemp -d "${TMPDIR:-/tmp}/relais-fuzz.XXXXXX")"
echo "corpora in $WORK"

seed_files() { # TARGET DIR: copy the seeds of TARGET into DIR
    local t="$1" d="$2"
    mkdir -p "$d"
    echo seed >"$d/seed" # never an empty corpus, even without ../shared
    case "$t" in
        csv_catalogue)
            cp "$ROOT"/data/catalogue.csv "$ROOT"/data/modele-catalogue.csv "$d"/ 2>/dev/null || true
            if [ -d "$EXTERNAL" ]; then
                for f in "$EXTERNAL"/*.csv; do head -c 16384 "$f" >"$d/$(basename "$f")"; done
            fi
            ;;
        json_catalogue|datainclusion)
            for f in "$EXTERNAL"/*.json "$EXTERNAL"/lheo/*.json; do
                [ -f "$f" ] || continue
                # A few whole entries of each export: small seeds mutate faster.
                python3 - "$f" "$d/$(basename "$f")" <<'PY' || true
import json, sys
v = json.load(open(sys.argv[1]))
if isinstance(v, dict):
    v = next((x for x in v.values() if isinstance(x, list)), [v])
json.dump(v[:3], open(sys.argv[2], "w"), ensure_ascii=False)
PY
            done
            if [ "$t" = datainclusion ] && [ -d "$EXTERNAL" ]; then
                head -c 8192 "$EXTERNAL/siae_bas_rhin_67_les_emplois.csv" >"$d/siae.csv"
            fi
            ;;
        lheo)
            for f in "$EXTERNAL"/lheo/*.xml; do
                [ -f "$f" ] || continue
                # Whole small files: the largest is 60 KB.
                cp "$f" "$d"/
            done
            ;;
        profile)
            cp "$ROOT"/docs/examples/*.json "$d"/ 2>/dev/null || true
            ;;
        schedule)
            for f in "$EXTERNAL"/horaires_fr_texte_libre_mednum.csv "$EXTERNAL"/osm_opening_hours_*; do
                [ -f "$f" ] || continue
                head -n 400 "$f" | awk -v d="$d" -v b="$(basename "$f")" '{ print > (d "/" b "." NR) }'
            done
            ;;
        places)
            printf '%s' 93008 >"$d/commune"; printf '%s' 2A >"$d/dep"; printf '%s' 974 >"$d/dom"
            printf '%s' "Sète" >"$d/name"; printf '%s' "CP FLEURY MEROGIS" >"$d/estab"
            ;;
        handover)
            # Chunks as the reader makes them: the seed catalogue and a small synthetic one.
            (cd "$ROOT" && cargo run -q --release -p relais-core --example handover_seeds -- "$d") || true
            ;;
        workbook)
            python3 - "$d" <<'PY'
import sys, zipfile
d = sys.argv[1]
M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
P = "http://schemas.openxmlformats.org/package/2006/relationships"
with zipfile.ZipFile(d + "/seed.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>')
    z.writestr("_rels/.rels", f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", f'<workbook xmlns="{M}" xmlns:r="{R}"><sheets><sheet name="c" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{P}"><Relationship Id="rId1" Type="{R}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{R}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{M}" count="2" uniqueCount="2"><si><t>id</t></si><si><t>x1</t></si></sst>')
    z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{M}"><dimension ref="A1:B2"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>titre</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><v>12</v></c></row></sheetData></worksheet>')
with zipfile.ZipFile(d + "/seed.ods", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
    z.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    z.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="c"><table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2" office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="3"><table:table-cell/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
PY
            ;;
    esac
}

cd "$ROOT/fuzz"
cargo +nightly fuzz build
for t in "${TARGETS[@]}"; do
    seed_files "$t" "$WORK/$t" || true
    echo "== $t: ${SECONDS_EACH}s, $(ls "$WORK/$t" | wc -l) seed(s)"
    # Text targets read whole files (a catalogue is more than one line); the rss limit is the
    # memory bound the limits promise, with room for the sanitizer.
    cargo +nightly fuzz run "$t" "$WORK/$t" -- \
        -max_total_time="$SECONDS_EACH" -max_len=65536 -rss_limit_mb=2048 -timeout=20 \
        -print_final_stats=1 ${RELAIS_FUZZ_ARGS:-} 2>&1 | tee "$WORK/$t.log" | grep -a -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)" || true
done
echo "logs and corpora: $WORK"
