//! `relais`: the command line over the Relais core.
//!
//! relais check [--mapping FILE] [--structures FILE] FILE
//! relais match --profile FILE [--catalogue FILE]… [--mapping FILE] [--structures FILE] [--thematique CODE] [--json] [--lang fr|en] [--today AAAA-MM-JJ]
//! relais export --format csv|data-inclusion|lheo [--catalogue FILE]… [--mapping FILE] [--structures FILE] [--source NAME]
//! relais lieu TEXT
//!
//! A catalogue FILE is CSV, JSON (Relais or data·inclusion), LHEO (XML), or a spreadsheet
//! workbook (XLSX, ODS, XLS: its first sheet).

// No input makes the command line panic: no unchecked indexing or byte slicing of text.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::string_slice))]
use relais_cli::stream;
use relais_core::catalogue::{self, Severity};
use relais_core::distructures::Structures;
use relais_core::explain::{Explain, HorizonText, ResultText};
use relais_core::lang::Lang;
use relais_core::limits::MAX_FILE_BYTES;
use relais_core::mapping::Mapping;
use relais_core::{
    catalogue::Loaded, date, matching::match_prepared, model::Offer, model::Profile,
    prepared::Prepared, refdata::RefData,
};
use relais_workbook as sheet;
use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "\
relais — orienter une personne placée sous main de justice vers les offres qui lui conviennent

Usage :
  relais check [--mapping CORRESPONDANCE.json] [--structures STRUCTURES] FICHIER
      Vérifie un catalogue (CSV, JSON, data·inclusion, LHEO, ou classeur XLSX/ODS : sa première
      feuille) : affiche chaque problème sous la forme FICHIER:LIGNE:COLONNE: message, puis
      un résumé ; code de sortie 1 s'il y a une erreur.
      --mapping : lit un tableau aux colonnes quelconques par un fichier de correspondance
      (docs/formats.md, « Correspondance » ; exemple : data/mappings/emplois-siae.json) ;
      aussi pour match et export.
  relais match --profile PROFIL.json [--catalogue FICHIER]… [--mapping CORRESPONDANCE.json]
               [--structures STRUCTURES] [--thematique CODE] [--json] [--lang fr|en]
               [--today AAAA-MM-JJ]
      Classe les offres pour une personne, maintenant et après la sortie.
      --lang en : les raisons, avertissements et exclusions en anglais (fr par défaut).
      Sans --catalogue, utilise le catalogue d'exemple (data/catalogue.csv). --catalogue
      répété réunit plusieurs catalogues : chaque offre garde sa source (« source » en
      JSON), une offre présente dans deux catalogues est signalée et gardée une fois.
      --structures : fichier de structures data·inclusion (JSON ou CSV) qui donne le nom,
      l'adresse et le contact des organisations des services (aussi reconnu parmi les
      --catalogue). --thematique : ne garde que les offres de cette thématique
      data·inclusion (ou d'une thématique sous elle), répétable.
  relais export --format csv|data-inclusion|lheo [--catalogue FICHIER]…
                [--mapping CORRESPONDANCE.json] [--structures STRUCTURES] [--source NOM]
      Réécrit le catalogue au format de docs/formats.md (csv), en services
      data·inclusion (JSON, public « personnes en situation juridique spécifique »), ou
      en offres de formation LHEO 2.3 (XML ; les champs Relais dans <extras info=\"relais\">).
  relais lieu TEXTE
      Donne le code INSEE d'un lieu écrit comme on le dit (« Lyon 3 », « saint denis »,
      un code postal, un département), ou les lieux possibles quand il y en a plusieurs.
";

const COMMUNES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/communes.csv"
));

/// The everyday job titles (« boulanger » → D1102) a profile's `sectors` may use.
const APPELLATIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/rome-appellations.csv"
));

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("relais : {msg}");
            ExitCode::from(2)
        }
    }
}

fn refdata() -> Result<RefData, String> {
    let mut rd = RefData::bundled()?;
    rd.add_communes(COMMUNES)?;
    Ok(rd)
}

fn flag<'a>(args: &'a [String], name: &str) -> Result<Option<&'a str>, String> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .map(|s| Some(s.as_str()))
            .ok_or_else(|| format!("{name} attend une valeur")),
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let known = [
        "--profile",
        "--catalogue",
        "--mapping",
        "--structures",
        "--thematique",
        "--json",
        "--lang",
        "--today",
        "--format",
        "--rows-per-chunk",
        "-h",
        "--help",
    ];
    match args.first().map(String::as_str) {
        None | Some("-h" | "--help" | "help") => {
            emit(USAGE);
            Ok(ExitCode::SUCCESS)
        }
        Some("check") => {
            // The file is the argument that is neither an option nor an option's value.
            let mut rest = args.iter().skip(1);
            let mut file = None;
            while let Some(a) = rest.next() {
                if a == "--mapping" || a == "--structures" {
                    rest.next();
                } else if a.starts_with('-') {
                    return Err(format!("option inconnue {a}\n\n{USAGE}"));
                } else {
                    file.get_or_insert(a);
                }
            }
            let file = file.ok_or("check attend un fichier : relais check catalogue.csv")?;
            let rd = refdata()?;
            let mapping = mapping_in_use(args)?;
            let mut loaded = load_file(file, &rd, mapping.as_ref())?;
            let structures = structures_in(args)?;
            if !structures.is_empty() {
                relais_core::distructures::join(&mut loaded, &structures, &rd, file);
            }
            for p in &loaded.problems {
                emit(&format!("{p}\n"));
            }
            emit(&format!(
                "{file} : {} offre(s) valide(s), {} erreur(s), {} avertissement(s) ({}{})\n",
                loaded.offers.len(),
                loaded.errors(),
                loaded.warnings(),
                loaded.encoding,
                // JSON and XML have no delimiter to report.
                loaded
                    .delimiter
                    .map(|d| format!(", séparateur « {} »", d as char))
                    .unwrap_or_default(),
            ));
            Ok(if loaded.errors() > 0 {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            })
        }
        Some("match") => {
            for a in args.iter().skip(1) {
                if a.starts_with('-') && !known.contains(&a.as_str()) {
                    return Err(format!("option inconnue {a}\n\n{USAGE}"));
                }
            }
            let lang = match flag(args, "--lang")? {
                Some(l) => Lang::from_code(l).ok_or_else(|| {
                    format!("--lang : « {l} » n'est pas une langue connue (fr ou en)")
                })?,
                None => Lang::Fr,
            };
            let profile_file =
                flag(args, "--profile")?.ok_or("match attend --profile PROFIL.json")?;
            let text = String::from_utf8(read_bounded(profile_file)?).map_err(|_| {
                format!("{profile_file} : le profil n'est pas en UTF-8 ; l'enregistrer en UTF-8")
            })?;
            let mut profile =
                Profile::from_json(&text).map_err(|e| format!("{profile_file}: {e}"))?;
            let rd = refdata()?;
            resolve_sectors(&mut profile, &rd, profile_file, lang);
            // What is said about the profile follows --lang, as the results do.
            let (note, warning) = match lang {
                Lang::Fr => ("note", "attention"),
                Lang::En => ("note", "warning"),
            };
            // Places written by name (« Lyon ») become codes, as in the app's fields; a ban
            // that may mean several places bans them all.
            for r in relais_core::validation::resolve_places(&rd, &mut profile) {
                let level = if r.is_ambiguous() { warning } else { note };
                eprintln!("{profile_file}: {level} : {} : {}", r.field, r.text(lang));
            }
            let today = match flag(args, "--today")? {
                Some(t) => {
                    date::parse(t).ok_or_else(|| format!("--today : date impossible « {t} »"))?
                }
                None => time::OffsetDateTime::now_utc().date(),
            };
            for p in profile.problems_on(&rd, today) {
                eprintln!(
                    "{profile_file}: {warning} : {} : {}",
                    p.field,
                    p.text(&rd, lang)
                );
            }
            let themes = flags(args, "--thematique")?;
            // One CSV catalogue is read as a stream (any size); the rest, whole
            // (relais_cli::stream). Hidden: --rows-per-chunk N (0: the whole-file path).
            let rows_per_chunk = match flag(args, "--rows-per-chunk")? {
                Some(n) => n
                    .parse::<usize>()
                    .map_err(|_| format!("--rows-per-chunk : nombre attendu, pas « {n} »"))?,
                None => stream::ROWS_PER_CHUNK,
            };
            let catalogues = flags(args, "--catalogue")?;
            if let ([file], true, true, true) = (
                catalogues.as_slice(),
                rows_per_chunk > 0,
                flags(args, "--structures")?.is_empty() && flag(args, "--mapping")?.is_none(),
                catalogues.first().is_some_and(|f| stream::streamable(f)),
            ) {
                let streamed = stream::match_file(
                    file,
                    &profile,
                    &rd,
                    today,
                    rows_per_chunk,
                    &themes,
                    None,
                    !args.iter().any(|a| a == "--json"),
                    |p| eprintln!("{p}"),
                )?;
                if let Some(s) = streamed {
                    if !themes.is_empty() {
                        eprintln!(
                            "{} offre(s) de thématique {}",
                            s.offers,
                            themes.join(" ou ")
                        );
                    }
                    return print_streamed(args, &s, &rd, lang);
                }
            }
            let mut loaded = catalogue_in_use(args, &rd)?;
            for p in &loaded.problems {
                eprintln!("{p}");
            }
            if !themes.is_empty() {
                loaded
                    .offers
                    .retain(|o| themes.iter().any(|t| relais_core::details::has_theme(o, t)));
                eprintln!(
                    "{} offre(s) de thématique {}",
                    loaded.offers.len(),
                    themes.join(" ou ")
                );
            }
            let prepared = Prepared::new(&loaded.offers, &rd);
            let result = Explain::new(&rd, lang).result(&match_prepared(
                &profile,
                &loaded.offers,
                &prepared,
                &rd,
                today,
            ));
            if args.iter().any(|a| a == "--json") {
                let json = result_json(&result, &loaded.offers)?;
                emit(&format!(
                    "{}\n",
                    serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?
                ));
            } else {
                let by_id: HashMap<&str, &Offer> =
                    loaded.offers.iter().map(|o| (o.id.as_str(), o)).collect();
                let mut out = std::io::stdout().lock();
                let (now, after) = match lang {
                    Lang::Fr => ("MAINTENANT", "APRÈS LA SORTIE"),
                    Lang::En => ("NOW", "AFTER RELEASE"),
                };
                let printed =
                    print_horizon(&mut out, now, &result.now, &by_id, lang).and_then(|_| {
                        match &result.after_release {
                            Some(a) => writeln!(out)
                                .and_then(|_| print_horizon(&mut out, after, a, &by_id, lang)),
                            None => Ok(()),
                        }
                    });
                if let Err(e) = printed {
                    if e.kind() != std::io::ErrorKind::BrokenPipe {
                        return Err(format!("écriture impossible : {e}"));
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some("export") => {
            let rd = refdata()?;
            let loaded = catalogue_in_use(args, &rd)?;
            for p in loaded
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Error)
            {
                eprintln!("{p}");
            }
            match flag(args, "--format")?.unwrap_or("csv") {
                "csv" => emit(&catalogue::to_csv(&loaded.offers)),
                "data-inclusion" => {
                    let source = flag(args, "--source")?.unwrap_or("relais");
                    let today = time::OffsetDateTime::now_utc().date();
                    let services =
                        relais_core::datainclusion::to_services(&loaded.offers, source, today);
                    emit(&format!(
                        "{}\n",
                        serde_json::to_string_pretty(&services).map_err(|e| e.to_string())?
                    ));
                }
                "lheo" => emit(&relais_core::lheo::to_lheo(&loaded.offers, &rd)),
                other => {
                    return Err(format!(
                        "format inconnu « {other} » : csv, data-inclusion ou lheo"
                    ))
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        // Hidden (benchmarks, docs/performance.md): a synthetic catalogue of N offers as CSV.
        Some("synthetic") => {
            let n = args
                .get(1)
                .and_then(|n| n.parse::<usize>().ok())
                .ok_or("synthetic attend un nombre d'offres : relais synthetic 1000000")?;
            emit(&relais_core::synthetic::catalogue_csv(n, &refdata()?));
            Ok(ExitCode::SUCCESS)
        }
        Some("lieu") => {
            let text = args.get(1..).unwrap_or_default().join(" ");
            if text.trim().is_empty() {
                return Err("lieu attend un texte : relais lieu \"Lyon 3\"".into());
            }
            let rd = refdata()?;
            let m = relais_core::places::resolve_place_input(&rd, &text);
            let list = match &m {
                relais_core::places::PlaceMatch::Unique(_) => m.candidates().to_vec(),
                relais_core::places::PlaceMatch::Ambiguous(_) => {
                    emit(&format!("« {text} » peut désigner plusieurs lieux :\n"));
                    m.candidates().to_vec()
                }
                relais_core::places::PlaceMatch::Unknown => {
                    let s = relais_core::places::suggest_places(&rd, &text, 8);
                    if s.is_empty() {
                        emit(&format!("« {text} » : lieu inconnu\n"));
                        return Ok(ExitCode::FAILURE);
                    }
                    emit(&format!("« {text} » : lieu inconnu ; lieux proches :\n"));
                    s
                }
            };
            for c in &list {
                emit(&format!("{}\t{} — {}\n", c.code, c.label, c.note));
            }
            Ok(if m.unique().is_some() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some(other) => Err(format!("commande inconnue « {other} »\n\n{USAGE}")),
    }
}

/// Everyday job words in the profile's `sectors` (« boulanger ») become ROME codes, as the
/// app's field does; what was understood is said on stderr so that a wrong guess is seen. An
/// ambiguous word is left out with its candidates listed; an unknown one is kept for
/// `Profile::problems` to report.
fn resolve_sectors(profile: &mut Profile, rd: &RefData, file: &str, lang: Lang) {
    use relais_core::appellations::{self, Appellations, Sector};
    if profile
        .sectors
        .iter()
        .all(|s| rd.rome_known(&s.trim().to_uppercase()))
    {
        return;
    }
    let (jobs, problems) = Appellations::parse(APPELLATIONS);
    for p in problems {
        eprintln!("{p}");
    }
    let fr = lang == Lang::Fr;
    let mut codes: Vec<String> = Vec::new();
    for written in &profile.sectors {
        let code = match appellations::resolve_sector(rd, &jobs, written) {
            Sector::Code(c) => c,
            Sector::Job(a) => {
                // The ROME's own labels are French: they are names, kept in English too.
                let (open, close, read) = if fr {
                    ("« ", " »", "compris comme")
                } else {
                    ("“", "”", "read as")
                };
                eprintln!(
                    "{file}: note : sectors : {open}{}{close} {read} {} {} ({})",
                    written.trim(),
                    a.rome,
                    rd.rome_label(&a.rome).unwrap_or_default(),
                    a.label
                );
                if a.regulated {
                    let (level, what) = if fr {
                        ("attention", appellations::REGULATED_WARNING)
                    } else {
                        (
                            "warning",
                            "regulated occupation: an approval or a record check may apply, to check",
                        )
                    };
                    eprintln!("{file}: {level} : sectors : {} : {what}", a.label);
                }
                a.rome.clone()
            }
            Sector::Ambiguous(list) => {
                let names: Vec<String> = list
                    .iter()
                    .map(|a| format!("{} ({})", a.rome, a.label))
                    .collect();
                if fr {
                    eprintln!(
                        "{file}: attention : sectors : « {} » désigne plusieurs métiers, secteur ignoré ; écrire l'un de ces codes : {}",
                        written.trim(),
                        names.join(", ")
                    );
                } else {
                    eprintln!(
                        "{file}: warning : sectors : “{}” means several occupations, sector left out; write one of these codes: {}",
                        written.trim(),
                        names.join(", ")
                    );
                }
                continue;
            }
            Sector::Unknown => written.clone(),
        };
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    profile.sectors = codes;
}

/// Write to stdout; a closed pipe (`relais … | head`) ends the program quietly.
fn emit(text: &str) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("relais : écriture impossible ({e})");
        std::process::exit(2);
    }
}

/// Every value of a flag given several times (`--catalogue a.csv --catalogue b.json`).
fn flags<'a>(args: &'a [String], name: &str) -> Result<Vec<&'a str>, String> {
    let mut out = Vec::new();
    let mut rest = args;
    while let Some(i) = rest.iter().position(|a| a == name) {
        let value = rest
            .get(i + 1)
            .ok_or_else(|| format!("{name} attend une valeur"))?;
        out.push(value.as_str());
        rest = rest.get(i + 2..).unwrap_or_default();
    }
    Ok(out)
}

/// The data·inclusion structures named by `--structures` (each given once or several times).
fn structures_in(args: &[String]) -> Result<Structures, String> {
    let mut all = Structures::default();
    for f in flags(args, "--structures")? {
        let bytes = read_bounded(f)?;
        let s = Structures::read(&bytes, f).map_err(|p| p.to_string())?;
        all.extend(s);
    }
    Ok(all)
}

/// Is this file a data·inclusion structures file (given among the catalogues)?
fn as_structures(bytes: &[u8], file: &str) -> Option<Structures> {
    let start = bytes.iter().find(|b| !b.is_ascii_whitespace());
    if !matches!(start, Some(b'[' | b'{')) {
        return None;
    }
    Structures::read(bytes, file).ok()
}

/// The catalogue named by `--catalogue`, or the seed catalogue; its data·inclusion services
/// joined with the structures given by `--structures` or among the catalogues.
fn catalogue_in_use(args: &[String], rd: &RefData) -> Result<Loaded, String> {
    let mut structures = structures_in(args)?;
    // A mapping reads each catalogue named (docs/formats.md, « Correspondance »).
    let mapping = mapping_in_use(args)?;
    let mut catalogues: Vec<(String, Loaded)> = Vec::new();
    // The first structures file named among the catalogues, with its count.
    let mut named_structures = None;
    for f in flags(args, "--catalogue")? {
        let bytes = read_bounded(f)?;
        match as_structures(&bytes, f) {
            Some(s) => {
                named_structures.get_or_insert((f, s.len()));
                structures.extend(s)
            }
            None => catalogues.push((f.to_string(), load_bytes(f, &bytes, rd, mapping.as_ref())?)),
        }
    }
    if catalogues.is_empty() && mapping.is_some() {
        return Err("--mapping s'applique au fichier de --catalogue : le nommer".into());
    }
    // Only structures named: the example catalogue would be matched in their place, silently.
    if let (true, Some((f, n))) = (catalogues.is_empty(), named_structures) {
        return Err(format!(
            "{f} : fichier de structures data·inclusion ({n} structure(s)), sans offre à classer : le donner avec --structures, à côté du fichier de ses services (--catalogue SERVICES.json)"
        ));
    }
    if catalogues.is_empty() {
        catalogues.push((
            "data/catalogue.csv".into(),
            catalogue::load(
                relais_core::refdata::SEED_CATALOGUE.as_bytes(),
                "data/catalogue.csv",
                rd,
            ),
        ));
    }
    relais_core::merge::join_all(&mut catalogues, &structures, rd);
    if catalogues.len() == 1 {
        return Ok(catalogues.pop().map(|c| c.1).unwrap_or_default());
    }
    // Several catalogues: merged, each offer with its source, duplicates kept once.
    let merged = relais_core::merge::merge_catalogues(catalogues);
    for s in &merged.sources {
        eprintln!(
            "{} : {} offre(s), dont {} déjà présente(s) dans un catalogue précédent (gardées une fois){}",
            s.source,
            s.offers,
            s.duplicates,
            if s.renamed > 0 {
                format!(", {} renommée(s) (identifiant déjà pris)", s.renamed)
            } else {
                String::new()
            }
        );
    }
    eprintln!(
        "{} catalogues réunis : {} offre(s)",
        merged.sources.len(),
        merged.loaded.offers.len()
    );
    Ok(merged.loaded)
}

/// The match result as JSON, each offer with the catalogue it comes from (`source`) when
/// known.
fn result_json(result: &ResultText, offers: &[Offer]) -> Result<serde_json::Value, String> {
    let mut v = serde_json::to_value(result).map_err(|e| e.to_string())?;
    let sources: HashMap<&str, &str> = offers
        .iter()
        .filter_map(|o| {
            relais_core::details::get(o, relais_core::details::SOURCE).map(|s| (o.id.as_str(), s))
        })
        .collect();
    if sources.is_empty() {
        return Ok(v);
    }
    for horizon in ["now", "after_release"] {
        for list in ["fits", "excluded", "beyond"] {
            if let Some(items) = v
                .get_mut(horizon)
                .and_then(|h| h.get_mut(list))
                .and_then(|l| l.as_array_mut())
            {
                for item in items {
                    let id = item.get("id").and_then(|i| i.as_str()).unwrap_or_default();
                    if let (Some(src), Some(obj)) = (sources.get(id).copied(), item.as_object_mut())
                    {
                        obj.insert("source".into(), serde_json::Value::String(src.into()));
                    }
                }
            }
        }
    }
    Ok(v)
}

/// A file's bytes, up to one byte past the size limit: the core reports the rest as not loaded
/// without the whole file in memory.
fn read_bounded(file: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| {
            // Sized from the file's length: read_to_end alone doubles its buffer as it grows.
            let len = f
                .metadata()
                .map_or(0, |m| m.len())
                .min(MAX_FILE_BYTES as u64 + 1);
            bytes.reserve_exact(usize::try_from(len).unwrap_or(0).saturating_add(1));
            f.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)
        })
        .map_err(|e| format!("{file} : lecture impossible ({e})"))?;
    Ok(bytes)
}

/// The mapping named by `--mapping`, its problems said on stderr (a mapping that cannot be
/// read at all is refused: applying nothing would load nothing, silently).
fn mapping_in_use(args: &[String]) -> Result<Option<Mapping>, String> {
    let Some(file) = flag(args, "--mapping")? else {
        return Ok(None);
    };
    let text = String::from_utf8(read_bounded(file)?)
        .map_err(|_| format!("{file} : la correspondance n'est pas en UTF-8"))?;
    let (m, problems) = relais_core::mapping::parse(&text, file);
    for p in &problems {
        eprintln!("{p}");
    }
    if m.fields.is_empty() {
        return Err(format!(
            "{file} : correspondance sans aucun champ utilisable"
        ));
    }
    Ok(Some(m))
}

fn load_file(file: &str, rd: &RefData, mapping: Option<&Mapping>) -> Result<Loaded, String> {
    let bytes = read_bounded(file)?;
    load_bytes(file, &bytes, rd, mapping)
}

fn load_bytes(
    file: &str,
    bytes: &[u8],
    rd: &RefData,
    mapping: Option<&Mapping>,
) -> Result<Loaded, String> {
    if sheet::is_workbook(bytes) {
        let sheet = sheet::first_sheet(bytes).map_err(|e| format!("{file} : {e}"))?;
        let mut loaded = catalogue::load_mapped(sheet.csv.as_bytes(), file, rd, mapping);
        loaded.encoding = "classeur, première feuille";
        loaded.delimiter = None;
        for (line, message) in sheet.left_out {
            loaded
                .problems
                .push(relais_core::catalogue::Problem::error(file, line, message));
        }
        say_mapping(&mut loaded, sheet.csv.as_bytes(), file, mapping);
        return Ok(loaded);
    }
    let mut loaded = catalogue::load_mapped(bytes, file, rd, mapping);
    say_mapping(&mut loaded, bytes, file, mapping);
    Ok(loaded)
}

/// A table with its own columns (the SIAE list, an association's sheet) read without a
/// mapping loads nothing: say how to read it as it is, as the page's mapping step does.
fn say_mapping(loaded: &mut Loaded, bytes: &[u8], file: &str, mapping: Option<&Mapping>) {
    if mapping.is_some() || relais_core::mapping::needs_mapping(bytes).is_none() {
        return;
    }
    loaded.problems.push(relais_core::catalogue::Problem::warning(
        file,
        1,
        "ce tableau n'a pas les colonnes de Relais : pour le lire tel qu'il est, lui donner une correspondance avec --mapping CORRESPONDANCE.json (docs/formats.md, « Correspondance » ; pour la liste des SIAE : data/mappings/emplois-siae.json), ou l'ouvrir dans la page, qui la propose",
    ));
}

/// The result of a streamed match: JSON written item by item; the human listing through
/// [`print_horizon`] (its sentences held for the offers listed).
fn print_streamed(
    args: &[String],
    s: &stream::Streamed,
    rd: &RefData,
    lang: Lang,
) -> Result<ExitCode, String> {
    let explain = Explain::new(rd, lang);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if args.iter().any(|a| a == "--json") {
        stream::write_json(&mut out, s, &explain)
    } else {
        let by_id: HashMap<&str, &Offer> = s.shown.iter().map(|(k, o)| (k.as_str(), o)).collect();
        let (now, after) = match lang {
            Lang::Fr => ("MAINTENANT", "APRÈS LA SORTIE"),
            Lang::En => ("NOW", "AFTER RELEASE"),
        };
        print_streamed_horizon(&mut out, now, &s.result.now, s, &by_id, &explain).and_then(|_| {
            match &s.result.after_release {
                Some(a) => writeln!(out)
                    .and_then(|_| print_streamed_horizon(&mut out, after, a, s, &by_id, &explain)),
                None => Ok(()),
            }
        })
    }
    .and_then(|_| out.flush());
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(format!("écriture impossible : {e}"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// A streamed horizon printed as [`print_horizon`] prints a whole one, worded batch by batch.
fn print_streamed_horizon(
    out: &mut impl Write,
    title: &str,
    h: &relais_core::matching::HorizonResult,
    s: &stream::Streamed,
    offers: &HashMap<&str, &Offer>,
    explain: &Explain,
) -> std::io::Result<()> {
    use relais_core::matching::HorizonResult;
    let lang = explain.lang;
    let none = Heads {
        title: None,
        beyond: None,
        excluded: false,
    };
    let heads = |title, beyond, excluded| Heads {
        title,
        beyond,
        excluded,
    };
    let empty = stream::words(explain, HorizonResult::default());
    let title = Some((title, h.fits.len(), h.excluded.len()));
    print_part(out, &heads(title, None, false), &empty, 0, offers, lang)?;
    for (n, batch) in h.fits.chunks(stream::BATCH).enumerate() {
        let part = HorizonResult {
            fits: batch.to_vec(),
            ..HorizonResult::default()
        };
        let first = n * stream::BATCH;
        print_part(
            out,
            &none,
            &stream::words(explain, part),
            first,
            offers,
            lang,
        )?;
    }
    if !h.beyond.is_empty() {
        let head = heads(None, Some(h.beyond.len()), false);
        print_part(out, &head, &empty, 0, offers, lang)?;
    }
    for batch in h.beyond.chunks(stream::BATCH) {
        let part = HorizonResult {
            beyond: batch.to_vec(),
            ..HorizonResult::default()
        };
        print_part(out, &none, &stream::words(explain, part), 0, offers, lang)?;
    }
    if !h.excluded.is_empty() {
        print_part(out, &heads(None, None, true), &empty, 0, offers, lang)?;
    }
    for batch in h.excluded.chunks(stream::BATCH) {
        let named = stream::excluded_offers(s, batch.iter().map(|x| x.id.as_str()));
        let named: HashMap<&str, &Offer> = named.iter().map(|o| (o.id.as_str(), o)).collect();
        let part = HorizonResult {
            excluded: batch.to_vec(),
            ..HorizonResult::default()
        };
        print_part(out, &none, &stream::words(explain, part), 0, &named, lang)?;
    }
    Ok(())
}

/// Print one horizon; a closed pipe (`relais match … | head`) ends quietly.
fn print_horizon(
    out: &mut impl Write,
    title: &str,
    h: &HorizonText,
    offers: &HashMap<&str, &Offer>,
    lang: Lang,
) -> std::io::Result<()> {
    let head = Heads {
        title: Some((title, h.fits.len(), h.excluded.len())),
        beyond: (!h.beyond.is_empty()).then_some(h.beyond.len()),
        excluded: !h.excluded.is_empty(),
    };
    print_part(out, &head, h, 0, offers, lang)
}

/// The heads of a horizon's sections to print before its items: all of them for a whole
/// horizon; one at a time when a streamed result is printed batch by batch.
struct Heads<'a> {
    /// Title, offers that fit, offers ruled out.
    title: Option<(&'a str, usize, usize)>,
    /// Offers beyond the radius.
    beyond: Option<usize>,
    excluded: bool,
}

/// Print the heads, then the items of `h` (the fits numbered from `first_fit + 1`).
fn print_part(
    out: &mut impl Write,
    head: &Heads,
    h: &HorizonText,
    first_fit: usize,
    offers: &HashMap<&str, &Offer>,
    lang: Lang,
) -> std::io::Result<()> {
    let fr = lang == Lang::Fr;
    if let Some((title, fits, excluded)) = head.title {
        if fr {
            writeln!(
                out,
                "{title} — {} offre(s) possible(s), {} écartée(s)",
                fits, excluded
            )?;
        } else {
            writeln!(
                out,
                "{title} — {} possible offer(s), {} ruled out",
                fits, excluded
            )?;
        }
    }
    for (i, f) in h.fits.iter().enumerate() {
        let o = offers.get(f.id.as_str());
        writeln!(
            out,
            "{:>3}. [{:>3}] {} — {} ({}){}",
            first_fit + i + 1,
            f.score,
            o.map_or("", |o| o.title.as_str()),
            o.map_or("", |o| o.organisation.as_str()),
            f.id,
            o.and_then(|o| relais_core::details::get(o, relais_core::details::SOURCE))
                .map(|s| format!(" — {s}"))
                .unwrap_or_default()
        )?;
        for r in &f.reasons {
            writeln!(out, "         +{:<3} {}", r.points, r.text)?;
        }
        for w in &f.warnings {
            writeln!(out, "         !    {}", w.text)?;
        }
    }
    if let Some(n) = head.beyond {
        if fr {
            writeln!(out, "  Plus loin ({n} offre(s) hors du rayon) :")?;
        } else {
            writeln!(out, "  Further away ({n} offer(s) beyond the radius):")?;
        }
    }
    {
        for b in &h.beyond {
            let o = offers.get(b.id.as_str());
            writeln!(
                out,
                "    - {} — {} ({}) : {}",
                o.map_or("", |o| o.title.as_str()),
                o.map_or("", |o| o.organisation.as_str()),
                b.id,
                b.text
            )?;
            for w in &b.warnings {
                writeln!(out, "         !    {}", w.text)?;
            }
        }
    }
    if head.excluded {
        writeln!(out, "{}", if fr { "  Écartées :" } else { "  Ruled out:" })?;
    }
    {
        for x in &h.excluded {
            // Named as in the fits: an id alone (« 12534418 ») says nothing read aloud.
            let o = offers.get(x.id.as_str());
            writeln!(
                out,
                "    - {} — {} ({})",
                o.map_or("", |o| o.title.as_str()),
                o.map_or("", |o| o.organisation.as_str()),
                x.id
            )?;
            for r in &x.rules {
                writeln!(out, "         [{}] {}", r.rule, r.text)?;
            }
            if let Some(d) = x.possible_from {
                if fr {
                    writeln!(out, "      possible à partir du {}", date::fr(d))?;
                } else {
                    writeln!(out, "      possible from {}", date::words(d, Lang::En))?;
                }
            }
        }
    }
    Ok(())
}
