//! Any spreadsheet, mapped: a **mapping file** says which column of someone else's table holds
//! each Relais field, how its values translate (`ACI` → `aci`), what to assume for the fields
//! the table lacks (`milieu` = `dehors`), how to combine columns (a commune from its name and
//! postal code, an id from the SIRET) and which other columns to keep. Format: docs/formats.md
//! §1, « Correspondance ».
//!
//! [`parse`] reads a mapping and never fails (the mapping and its problems); [`apply`] turns a
//! CSV's header and rows into a Relais table *before* the row parsing, so that every check of
//! the catalogue still applies, and [`Applied::rename`] then names each problem's cell as the
//! source file does (its column and header). [`propose`] guesses a mapping for an unknown
//! header from its names and first values: the app's mapping step starts from it.

// Counts and positions come from files: arithmetic saturates.
#![deny(clippy::arithmetic_side_effects)]
use crate::catalogue::columns::Column;
use crate::model::{Milieu, OfferType};
use crate::problem::{Problem, Severity};
use crate::refdata::RefData;
use crate::text::{fold, key, slug};
use std::collections::HashMap;

/// The version this code writes and reads.
pub const MAPPING_VERSION: u32 = 1;
/// The `format` every mapping file carries.
pub const MAPPING_FORMAT: &str = "relais-correspondance";

/// Where one Relais field's value comes from. Tried in order for each row: the column (through
/// the value map), the template, the commune combination, the default.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldRule {
    /// Header of the source column (`MESURE`), matched without case, accents or spaces.
    pub column: Option<String>,
    /// Source value → Relais value (`ACI` → `aci`), matched without case or accents. A value
    /// not in the map is passed as written (and checked as any catalogue value).
    pub values: Vec<(String, String)>,
    /// Value when the column is absent or the cell empty (`dehors`).
    pub default: Option<String>,
    /// Cells put together: `siae-{SIRET}-{MESURE}`; `{ligne}` is the line number. For `id`
    /// the result is made a slug (`siae-41071771400035-etti`).
    pub template: Option<String>,
    /// For `communes`: the INSEE code found from a commune name and a postal code.
    pub commune: Option<CommuneSource>,
}

/// The two columns a commune is found from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommuneSource {
    pub name: Option<String>,
    pub postal_code: Option<String>,
}

/// A mapping file, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// What it is for (« Liste des SIAE — les emplois de l'inclusion »).
    pub name: String,
    /// One rule per Relais field, in the order of FORMATS.md.
    pub fields: Vec<(Column, FieldRule)>,
    /// Source columns kept with each offer (written back on export): `SIRET`, `CODE_NAF2`.
    pub keep: Vec<String>,
}

impl Mapping {
    pub fn rule(&self, c: Column) -> Option<&FieldRule> {
        self.fields.iter().find(|f| f.0 == c).map(|f| &f.1)
    }

    /// Set (or with `None`, remove) the rule of a field, keeping the order of FORMATS.md.
    pub fn set_rule(&mut self, c: Column, rule: Option<FieldRule>) {
        self.fields.retain(|f| f.0 != c);
        if let Some(r) = rule {
            self.fields.push((c, r));
            self.fields.sort_by_key(|f| column_rank(f.0));
        }
    }

    /// The mapping file (JSON, docs/formats.md), fields in the order of FORMATS.md.
    pub fn to_json(&self) -> String {
        let s = |v: &str| serde_json::Value::String(v.to_string()).to_string();
        let mut out = String::from("{\n");
        out.push_str(&format!("  \"format\": {},\n", s(MAPPING_FORMAT)));
        out.push_str(&format!("  \"version\": {MAPPING_VERSION},\n"));
        out.push_str(&format!("  \"nom\": {},\n", s(&self.name)));
        out.push_str("  \"champs\": {");
        for (i, (c, r)) in self.fields.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            let mut parts = Vec::new();
            if let Some(col) = &r.column {
                parts.push(format!("\"colonne\": {}", s(col)));
            }
            if !r.values.is_empty() {
                let v: Vec<String> = r
                    .values
                    .iter()
                    .map(|(a, b)| format!("{}: {}", s(a), s(b)))
                    .collect();
                parts.push(format!("\"valeurs\": {{{}}}", v.join(", ")));
            }
            if let Some(t) = &r.template {
                parts.push(format!("\"modele\": {}", s(t)));
            }
            if let Some(cs) = &r.commune {
                let mut p = Vec::new();
                if let Some(n) = &cs.name {
                    p.push(format!("\"nom\": {}", s(n)));
                }
                if let Some(n) = &cs.postal_code {
                    p.push(format!("\"code_postal\": {}", s(n)));
                }
                parts.push(format!("\"commune\": {{{}}}", p.join(", ")));
            }
            if let Some(d) = &r.default {
                parts.push(format!("\"defaut\": {}", s(d)));
            }
            out.push_str(&format!("    {}: {{{}}}", s(c.name()), parts.join(", ")));
        }
        out.push_str("\n  },\n");
        let keep: Vec<String> = self.keep.iter().map(|k| s(k)).collect();
        out.push_str(&format!("  \"garder\": [{}]\n}}\n", keep.join(", ")));
        out
    }
}

fn column_rank(c: Column) -> usize {
    Column::ALL
        .iter()
        .position(|x| *x == c)
        .unwrap_or(usize::MAX)
}

/// The fields whose values are closed codes: a value map makes sense there.
pub fn is_closed(c: Column) -> bool {
    matches!(
        c,
        Column::Type | Column::Milieu | Column::Measures | Column::Record
    )
}

/// The codes a closed field accepts.
pub fn closed_codes(c: Column) -> Vec<&'static str> {
    match c {
        Column::Type => OfferType::ALL.iter().map(|t| t.code()).collect(),
        Column::Milieu => Milieu::ALL.iter().map(|m| m.code()).collect(),
        Column::Measures => crate::model::Measure::ALL
            .iter()
            .map(|m| m.code())
            .collect(),
        Column::Record => crate::model::RecordRequirement::ALL
            .iter()
            .map(|m| m.code())
            .collect(),
        _ => Vec::new(),
    }
}

/// Read a mapping file. Never fails: what cannot be used is reported (file, line 1 or the
/// field's name) and left out; the rest is the mapping.
pub fn parse(text: &str, file: &str) -> (Mapping, Vec<Problem>) {
    let mut m = Mapping::default();
    let mut problems = Vec::new();
    let report = |problems: &mut Vec<Problem>, field: Option<&str>, severity, message: String| {
        problems.push(Problem::new(file, 1, severity, message).field_opt(field));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(
                Problem::error(
                    file,
                    e.line(),
                    format!("correspondance illisible (JSON) : {e} ; rien n'est appliqué"),
                )
                .column(e.column()),
            );
            return (m, problems);
        }
    };
    for d in crate::jsonkeys::duplicate_keys(text) {
        report(
            &mut problems,
            Some(&d.key),
            Severity::Error,
            format!(
                "{} : seule la dernière valeur est lue",
                crate::jsonkeys::describe(&d)
            ),
        );
    }
    let Some(obj) = value.as_object() else {
        report(&mut problems, None, Severity::Error, "une correspondance est un objet JSON { \"format\": \"relais-correspondance\", \"champs\": {…} } ; rien n'est appliqué".into());
        return (m, problems);
    };
    match obj.get("format").and_then(|v| v.as_str()) {
        Some(MAPPING_FORMAT) => {}
        Some(other) => report(&mut problems, Some("format"), Severity::Warning, format!("format « {other} » : une correspondance Relais porte « {MAPPING_FORMAT} » ; lue quand même")),
        None => report(&mut problems, Some("format"), Severity::Warning, format!("pas de « format » : une correspondance Relais porte \"format\": \"{MAPPING_FORMAT}\" ; lue quand même")),
    }
    match obj.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(MAPPING_VERSION) => {}
        Some(v) => report(&mut problems, Some("version"), Severity::Warning, format!("version {v} : cette version de Relais lit la version {MAPPING_VERSION} ; les clés inconnues sont ignorées")),
        None => report(&mut problems, Some("version"), Severity::Warning, format!("pas de « version » : lue comme la version {MAPPING_VERSION}")),
    }
    m.name = obj
        .get("nom")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_string();
    for k in obj.keys() {
        if ![
            "format",
            "version",
            "nom",
            "description",
            "champs",
            "garder",
        ]
        .contains(&k.as_str())
        {
            report(&mut problems,
                Some(k),
                Severity::Warning,
                format!("clé inconnue « {k} » ignorée (clés lues : format, version, nom, description, champs, garder)"),
            );
        }
    }
    match obj.get("garder") {
        None => {}
        Some(serde_json::Value::Array(a)) => {
            for v in a {
                match v.as_str() {
                    Some(s) if !s.trim().is_empty() => m.keep.push(s.trim().to_string()),
                    _ => report(
                        &mut problems,
                        Some("garder"),
                        Severity::Error,
                        format!("« garder » liste des noms de colonnes : {v} ignoré"),
                    ),
                }
            }
        }
        Some(_) => report(
            &mut problems,
            Some("garder"),
            Severity::Error,
            "« garder » doit être une liste de noms de colonnes : ignoré".into(),
        ),
    }
    let fields = match obj.get("champs") {
        Some(serde_json::Value::Object(f)) => f,
        Some(_) => {
            report(
                &mut problems,
                Some("champs"),
                Severity::Error,
                "« champs » doit être un objet { \"type\": {…}, … } : aucun champ n'est appliqué"
                    .into(),
            );
            return (m, problems);
        }
        None => {
            report(
                &mut problems,
                Some("champs"),
                Severity::Error,
                "pas de « champs » : aucun champ n'est appliqué".into(),
            );
            return (m, problems);
        }
    };
    for (name, spec) in fields {
        let Some(c) = Column::from_header(name) else {
            report(
                &mut problems,
                Some(name),
                Severity::Error,
                format!(
                    "champ Relais inconnu « {name} » : ignoré (champs : {})",
                    Column::ALL
                        .iter()
                        .map(|c| c.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
            continue;
        };
        if m.rule(c).is_some() {
            report(
                &mut problems,
                Some(name),
                Severity::Error,
                format!(
                    "champ « {} » donné deux fois : seul le premier est lu",
                    c.name()
                ),
            );
            continue;
        }
        let field = c.name();
        let Some(spec) = spec.as_object() else {
            // A bare string is the column's name.
            match spec.as_str() {
                Some(col) => m.set_rule(
                    c,
                    Some(FieldRule {
                        column: Some(col.to_string()),
                        ..FieldRule::default()
                    }),
                ),
                None => report(&mut problems, Some(field), Severity::Error, format!("champ « {field} » : attendu un objet {{\"colonne\": …}} ou un nom de colonne ; ignoré")),
            }
            continue;
        };
        let mut rule = FieldRule::default();
        let text_of = |k: &str| spec.get(k).and_then(|v| v.as_str()).map(str::to_string);
        for k in spec.keys() {
            if !["colonne", "valeurs", "defaut", "modele", "commune"].contains(&k.as_str()) {
                report(&mut problems, Some(field), Severity::Warning, format!("champ « {field} » : clé inconnue « {k} » ignorée (clés : colonne, valeurs, defaut, modele, commune)"));
            } else if k != "valeurs"
                && k != "commune"
                && !spec.get(k).is_some_and(|v| v.is_string())
            {
                report(
                    &mut problems,
                    Some(field),
                    Severity::Error,
                    format!("champ « {field} » : « {k} » doit être un texte ; ignoré"),
                );
            }
        }
        rule.column = text_of("colonne").filter(|s| !s.trim().is_empty());
        rule.template = text_of("modele").filter(|s| !s.trim().is_empty());
        rule.default = text_of("defaut").filter(|s| !s.trim().is_empty());
        match spec.get("valeurs") {
            None => {}
            Some(serde_json::Value::Object(v)) => {
                for (from, to) in v {
                    match to.as_str() {
                        Some(to) => rule.values.push((from.clone(), to.to_string())),
                        None => report(&mut problems, Some(field), Severity::Error, format!("champ « {field} » : la valeur de « {from} » doit être un texte ; ignorée")),
                    }
                }
            }
            Some(_) => report(&mut problems, Some(field), Severity::Error, format!("champ « {field} » : « valeurs » doit être un objet {{\"ACI\": \"aci\"}} ; ignoré")),
        }
        match spec.get("commune") {
            None => {}
            Some(serde_json::Value::Object(o)) if c == Column::Communes => {
                let get = |k: &str| o.get(k).and_then(|v| v.as_str()).map(str::to_string);
                rule.commune = Some(CommuneSource {
                    name: get("nom"),
                    postal_code: get("code_postal"),
                });
            }
            Some(_) => report(&mut problems, Some(field), Severity::Error, format!("champ « {field} » : « commune » ({{\"nom\": …, \"code_postal\": …}}) ne sert qu'au champ communes ; ignoré")),
        }
        // Values a closed field cannot take are errors of the mapping, not of every row.
        if is_closed(c) {
            let codes = closed_codes(c);
            let ok = |v: &str| {
                v.split(',').map(str::trim).all(|x| {
                    x.is_empty()
                        || codes.iter().any(|k| key(k) == key(x))
                        || c == Column::Milieu && Milieu::from_code(x).is_some()
                })
            };
            rule.values.retain(|(from, to)| {
                let keep = ok(to);
                if !keep {
                    problems.push(Problem::error(file, 1, format!("champ « {field} » : « {from} » → « {to} », valeur inconnue (écrire l'une de {}) ; ignoré", codes.join(", "))).field(field.to_string()));
                }
                keep
            });
            if let Some(d) = rule.default.clone() {
                if !ok(&d) {
                    problems.push(Problem::error(file, 1, format!("champ « {field} » : valeur par défaut inconnue « {d} » (écrire l'une de {}) ; ignorée", codes.join(", "))).field(field.to_string()));
                    rule.default = None;
                }
            }
        }
        if rule == FieldRule::default() {
            problems.push(
                Problem::warning(
                    file,
                    1,
                    format!(
                        "champ « {field} » : ni colonne, ni modèle, ni valeur par défaut ; ignoré"
                    ),
                )
                .field(field),
            );
            continue;
        }
        m.set_rule(c, Some(rule));
    }
    (m, problems)
}

/// Where an output column's values come from, to name it in problems as the file does.
#[derive(Clone, Debug)]
struct Origin {
    /// 1-based position of the (first) source column, when there is one.
    position: Option<usize>,
    /// The source column's header, or what the value was made of.
    label: String,
    /// A column the mapping keeps, or a commune found from name and postal code: the loader's
    /// notes for values typed by hand (« colonne inconnue », « c'est aussi le code postal
    /// de… ») do not apply to it.
    derived: bool,
}

/// A table turned into Relais columns, with what to say about it.
pub struct Applied {
    /// Relais column names, then the kept columns.
    pub header: Vec<String>,
    /// (line, cells, indexes of cells cut at the length limit), as the loader reads them.
    pub rows: Vec<(usize, Vec<String>, Vec<usize>)>,
    pub problems: Vec<Problem>,
    origins: Vec<Origin>,
}

impl Applied {
    /// Name each problem found in the Relais table by the source file's column and header.
    pub fn rename(&self, problems: &mut Vec<Problem>) {
        problems.retain(|p| {
            let derived = p.field.as_deref().and_then(|f| {
                let i = self.header.iter().position(|h| h == f)?;
                self.origins.get(i).filter(|o| o.derived)
            });
            !(derived.is_some()
                && p.severity == Severity::Warning
                && (p.message.starts_with("colonne inconnue")
                    || p.message.contains("c'est aussi le code postal")))
        });
        for p in problems.iter_mut() {
            let Some(field) = p.field.as_deref() else {
                continue;
            };
            let Some(i) = self.header.iter().position(|h| h == field) else {
                continue;
            };
            if let Some(o) = self.origins.get(i) {
                p.column = o.position;
                p.field = Some(o.label.clone());
            }
        }
    }
}

/// The placeholders of a template: `{SIRET}` → `SIRET`.
fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some((_, after)) = rest.split_once('{') {
        match after.split_once('}') {
            Some((name, tail)) => {
                out.push(name.to_string());
                rest = tail;
            }
            None => break,
        }
    }
    out
}

/// A name for comparison: [`crate::text::name_key`] with the leading zeros of numbers dropped
/// (« LYON 03 » = « Lyon 3e Arrondissement »'s start).
fn commune_key(s: &str) -> String {
    let k = crate::text::name_key(s);
    let mut out = String::with_capacity(k.len());
    let mut prev_digit = false;
    let mut chars = k.chars().peekable();
    while let Some(c) = chars.next() {
        let next_digit = chars.peek().is_some_and(char::is_ascii_digit);
        if c == '0' && !prev_digit && next_digit {
            continue;
        }
        prev_digit = c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// The commune of a name and a postal code: the code's commune of that name; else the one
/// whose name starts so (« MARSEILLE 16 » in 13016); else the only commune the postal code
/// serves (with a note); else the name within the postal code's département.
fn commune_of(refdata: &RefData, name: &str, cp: &str) -> Result<(String, Option<String>), String> {
    let cp = cp.trim();
    let cp = if cp.len() == 4 && cp.bytes().all(|b| b.is_ascii_digit()) {
        format!("0{cp}")
    } else {
        cp.to_string()
    };
    // « BLOIS CEDEX », « TOULOUSE CEDEX 01 »: a CEDEX code serves a mail office, not a town;
    // the town's name without it is looked for in the département.
    let written = name;
    let folded = crate::text::fold(name);
    let name = match folded.find("cedex") {
        Some(i) => folded.get(..i).unwrap_or(&folded).trim(),
        None => name.trim(),
    };
    let k = commune_key(name);
    let served: Vec<&crate::refdata::Commune> = refdata.by_postal_code(&cp).collect();
    let current = |v: Vec<&crate::refdata::Commune>| -> Option<String> {
        let best = v
            .iter()
            .find(|c| c.kind == crate::refdata::PlaceKind::Commune)
            .or(v.first())?;
        Some(best.code.clone())
    };
    if !k.is_empty() {
        let same: Vec<_> = served
            .iter()
            .copied()
            .filter(|c| commune_key(&c.name) == k)
            .collect();
        if let Some(code) = current(same) {
            return Ok((code, None));
        }
        let starts: Vec<_> = served
            .iter()
            .copied()
            .filter(|c| {
                let ck = commune_key(&c.name);
                ck.starts_with(&k) || k.starts_with(&ck)
            })
            .collect();
        if starts.len() == 1 {
            if let Some(code) = current(starts) {
                return Ok((code, None));
            }
        }
    }
    let communes: Vec<_> = served
        .iter()
        .copied()
        .filter(|c| c.kind == crate::refdata::PlaceKind::Commune)
        .collect();
    if let [only] = communes.as_slice() {
        return Ok((
            only.code.clone(),
            Some(format!(
                "commune « {} » absente du code postal {cp} : lue comme {} ({}), la seule commune de ce code postal",
                written.trim(),
                only.name,
                only.code
            )),
        ));
    }
    if cp.is_empty() {
        // No postal code: a name only one commune bears.
        let mut named = refdata.by_name_key(&crate::text::name_key(name));
        if let (Some(c), None) = (named.next(), named.next()) {
            return Ok((c.code.clone(), None));
        }
    }
    let dep = crate::refdata::code_prefix_departement(&cp).to_string();
    // Corsican postal codes start with 20, its départements are 2A and 2B.
    let same_dep = |d: &str| d == dep || (dep == "20" && (d == "2A" || d == "2B"));
    let in_dep: Vec<_> = refdata
        .by_name_key(&crate::text::name_key(name))
        .filter(|c| same_dep(&refdata.departement_code_of(&c.code)))
        .collect();
    if let Some(code) = (in_dep.len() == 1).then(|| current(in_dep)).flatten() {
        return Ok((code, None));
    }
    Err(format!(
        "commune « {} » (code postal {cp}) introuvable dans la liste des communes : l'offre est placée dans son département seulement ; écrire le code INSEE dans une colonne communes",
        written.trim()
    ))
}

/// Département codes as national lists write them: `001` → `01`, `02A` → `2A`, `974` stays.
fn departement_code(refdata: &RefData, v: &str) -> String {
    let t = v.trim();
    if refdata.resolve_departement(t).is_some() || t.len() != 3 {
        return t.to_string();
    }
    match t.strip_prefix('0') {
        Some(short) if refdata.resolve_departement(short).is_some() => short.to_string(),
        _ => t.to_string(),
    }
}

/// Turn a table's header and rows into Relais columns by the mapping. What the mapping names
/// and the file lacks is reported on the header line; a commune not found on its row.
pub fn apply(
    mapping: &Mapping,
    header: &[String],
    rows: Vec<(usize, Vec<String>, Vec<usize>)>,
    header_line: usize,
    file: &str,
    refdata: &RefData,
) -> Applied {
    let mut problems = Vec::new();
    let problem = |line: usize, column: Option<usize>, field: &str, severity, message: String| {
        Problem::new(file, line, severity, message)
            .column(column)
            .field(field)
    };
    let index: HashMap<String, usize> = header
        .iter()
        .enumerate()
        .rev()
        .map(|(i, h)| (key(h), i))
        .collect();
    let mut used = vec![false; header.len()];
    let mut find = |name: &str, field: &str, problems: &mut Vec<Problem>| -> Option<usize> {
        match index.get(&key(name)) {
            Some(&i) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                Some(i)
            }
            None => {
                problems.push(problem(header_line, None, field, Severity::Error, format!("la correspondance lit la colonne « {name} » pour « {field} », mais le fichier n'en a pas (colonnes : {})", header.join(", "))));
                None
            }
        }
    };
    // For each Relais field: its source column, its template's columns, its commune columns.
    struct Plan<'m> {
        column: Column,
        rule: &'m FieldRule,
        source: Option<usize>,
        template: Vec<(String, Option<usize>)>,
        commune: Option<(Option<usize>, Option<usize>)>,
    }
    let mut plans = Vec::new();
    for (c, rule) in &mapping.fields {
        let field = c.name();
        let source = rule
            .column
            .as_deref()
            .and_then(|n| find(n, field, &mut problems));
        let template = rule
            .template
            .as_deref()
            .map(placeholders)
            .unwrap_or_default()
            .into_iter()
            .map(|n| {
                let at = if key(&n) == "ligne" {
                    None
                } else {
                    find(&n, field, &mut problems)
                };
                (n, at)
            })
            .collect();
        let commune = rule.commune.as_ref().map(|cs| {
            (
                cs.name
                    .as_deref()
                    .and_then(|n| find(n, field, &mut problems)),
                cs.postal_code
                    .as_deref()
                    .and_then(|n| find(n, field, &mut problems)),
            )
        });
        plans.push(Plan {
            column: *c,
            rule,
            source,
            template,
            commune,
        });
    }
    if plans.iter().any(|p| p.commune.is_some()) && refdata.communes.is_empty() {
        problems.push(problem(header_line, None, "communes", Severity::Warning, "liste des communes non chargée : les communes ne sont pas retrouvées par leur nom et leur code postal (offres placées dans leur département)".into()));
    }
    for c in Column::ALL.iter().filter(|c| c.required()) {
        if !plans.iter().any(|p| p.column == *c) {
            problems.push(problem(header_line, None, c.name(), Severity::Error, format!("la correspondance ne dit pas d'où vient « {} », champ obligatoire : choisir une colonne ou une valeur par défaut", c.name())));
        }
    }
    let mut keep = Vec::new();
    for k in &mapping.keep {
        if let Some(i) = find(k, k, &mut problems) {
            if !keep.contains(&i) {
                keep.push(i);
            }
        }
    }
    let unused: Vec<&str> = header
        .iter()
        .zip(&used)
        .filter(|(h, u)| !**u && !h.trim().is_empty())
        .map(|(h, _)| h.as_str())
        .collect();
    if !unused.is_empty() {
        problems.push(Problem::warning(
            file,
            header_line,
            format!(
                "colonne(s) non reprise(s) par la correspondance : {} (ajouter à « garder » pour les conserver)",
                unused.join(", ")
            ),
        ));
    }
    // The output: Relais columns, then the kept ones (under their own header; one that would
    // read as a Relais column is prefixed).
    let mut out_header: Vec<String> = plans.iter().map(|p| p.column.name().to_string()).collect();
    let mut origins: Vec<Origin> = plans
        .iter()
        .map(|p| {
            let label_of = |i: usize| header.get(i).cloned().unwrap_or_default();
            if let Some(i) = p.source {
                Origin {
                    position: Some(i.saturating_add(1)),
                    label: label_of(i),
                    derived: false,
                }
            } else if let Some((n, cp)) = p.commune {
                let names: Vec<String> = [n, cp].iter().flatten().map(|&i| label_of(i)).collect();
                Origin {
                    position: n.or(cp).map(|i| i.saturating_add(1)),
                    label: names.join(" + "),
                    derived: true,
                }
            } else if !p.template.is_empty() {
                Origin {
                    position: p
                        .template
                        .iter()
                        .find_map(|t| t.1)
                        .map(|i| i.saturating_add(1)),
                    label: p.rule.template.clone().unwrap_or_default(),
                    derived: false,
                }
            } else {
                Origin {
                    position: None,
                    label: format!("{} (valeur par défaut)", p.column.name()),
                    derived: false,
                }
            }
        })
        .collect();
    for &i in &keep {
        let h = header.get(i).cloned().unwrap_or_default();
        let name = if Column::from_header(&h).is_some() {
            format!("source_{h}")
        } else {
            h.clone()
        };
        out_header.push(name);
        origins.push(Origin {
            position: Some(i.saturating_add(1)),
            label: h,
            derived: true,
        });
    }
    let value_maps: Vec<HashMap<String, &str>> = plans
        .iter()
        .map(|p| {
            p.rule
                .values
                .iter()
                .map(|(a, b)| (key(a), b.as_str()))
                .collect()
        })
        .collect();
    let dep_at = plans.iter().position(|p| p.column == Column::Departements);
    let commune_at = plans.iter().position(|p| p.column == Column::Communes);
    let mut out_rows = Vec::with_capacity(rows.len());
    for (line, cells, cut) in rows {
        let cell = |i: usize| cells.get(i).map_or("", |s| s.trim());
        let mut out = Vec::with_capacity(out_header.len());
        let mut out_cut = Vec::new();
        for (j, p) in plans.iter().enumerate() {
            let mut v = String::new();
            if let Some(i) = p.source {
                let raw = cell(i);
                v = value_maps
                    .get(j)
                    .and_then(|m| m.get(&key(raw)))
                    .map_or_else(|| raw.to_string(), |s| s.to_string());
                if cut.contains(&i) {
                    out_cut.push(j);
                }
            }
            if v.is_empty() && !p.template.is_empty() {
                let mut t = p.rule.template.clone().unwrap_or_default();
                let mut any = false;
                for (name, at) in &p.template {
                    let part = match at {
                        Some(i) => cell(*i).to_string(),
                        None => line.to_string(),
                    };
                    any |= !part.is_empty();
                    t = t.replace(&format!("{{{name}}}"), &part);
                }
                if any {
                    v = t.split_whitespace().collect::<Vec<_>>().join(" ");
                    if p.column == Column::Id {
                        v = slug(&v);
                    }
                }
            }
            if v.is_empty() {
                if let Some((n, cp)) = p.commune {
                    let name = n.map_or("", cell);
                    let code = cp.map_or("", cell);
                    if !refdata.communes.is_empty() && (!name.is_empty() || !code.is_empty()) {
                        let o = origins.get(j);
                        let (pos, label) = o.map_or((None, ""), |o| (o.position, o.label.as_str()));
                        match commune_of(refdata, name, code) {
                            Ok((c, note)) => {
                                v = c;
                                if let Some(note) = note {
                                    problems.push(problem(
                                        line,
                                        pos,
                                        label,
                                        Severity::Warning,
                                        note,
                                    ));
                                }
                            }
                            Err(why) => {
                                problems.push(problem(line, pos, label, Severity::Warning, why))
                            }
                        }
                    }
                }
            }
            if v.is_empty() {
                if let Some(d) = &p.rule.default {
                    v = d.clone();
                }
            }
            if p.column == Column::Departements {
                v = v
                    .split(',')
                    .map(|d| departement_code(refdata, d))
                    .collect::<Vec<_>>()
                    .join(",");
            }
            // A cell made longer than the limit (a template): cut, reported, and the row
            // treated as for any cut cell.
            if let Some((at, _)) = v.char_indices().nth(crate::limits::MAX_CELL_CHARS) {
                v.truncate(at);
                if !out_cut.contains(&j) {
                    out_cut.push(j);
                }
                let o = origins.get(j);
                problems.push(problem(
                    line,
                    o.and_then(|o| o.position),
                    o.map_or("", |o| o.label.as_str()),
                    Severity::Error,
                    format!(
                        "valeur fabriquée pour « {} » de plus de {} caractères : coupée",
                        p.column.name(),
                        crate::limits::MAX_CELL_CHARS
                    ),
                ));
            }
            out.push(v);
        }
        // A département the list writes its own way (« 59L » for the Nord around Lille) but
        // a commune found on the row: the commune's département, said on the row.
        if let (Some(jd), Some(jc)) = (dep_at, commune_at) {
            let written = out.get(jd).cloned().unwrap_or_default();
            let commune = out.get(jc).cloned().unwrap_or_default();
            let unknown = !written.is_empty()
                && written
                    .split(',')
                    .any(|d| d.trim() != "*" && refdata.resolve_departement(d).is_none());
            if unknown && refdata.commune(&commune).is_some() {
                let d = refdata.departement_code_of(&commune);
                let o = origins.get(jd);
                problems.push(problem(
                    line,
                    o.and_then(|o| o.position),
                    o.map_or("departements", |o| o.label.as_str()),
                    Severity::Warning,
                    format!("département inconnu « {written} » : celui de la commune {commune} ({d}) est pris"),
                ));
                if let Some(slot) = out.get_mut(jd) {
                    *slot = d;
                }
            }
        }
        for &i in &keep {
            if cut.contains(&i) {
                out_cut.push(out.len());
            }
            out.push(cell(i).to_string());
        }
        out_rows.push((line, out, out_cut));
    }
    Applied {
        header: out_header,
        rows: out_rows,
        problems,
        origins,
    }
}

/// A table's header and its first rows, as the mapping step shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    /// The first rows (at most [`SAMPLE_ROWS`]), cells trimmed.
    pub rows: Vec<Vec<String>>,
    /// Per column, its distinct non-empty values over the whole file, in order of appearance
    /// (at most [`MAX_DISTINCT`] + 1: one more means « more than that », not a closed list).
    pub distinct: Vec<Vec<String>>,
}

/// How many distinct values of a column the mapping step offers to translate.
pub const MAX_DISTINCT: usize = 30;

/// How many rows the mapping step samples.
pub const SAMPLE_ROWS: usize = 50;

/// Is this file a CSV table whose header lacks a required Relais column (and is not a
/// data·inclusion export)? Then its header and first rows, for the mapping step.
pub fn needs_mapping(bytes: &[u8]) -> Option<Table> {
    // The header first, from the head of the file: a Relais catalogue is not read twice.
    let head = bytes.get(..HEAD_BYTES).unwrap_or(bytes);
    let header = read_table_rows(head, 0)?.header;
    let keys: Vec<String> = header.iter().map(|h| key(h)).collect();
    if crate::datainclusion::header_looks_like(&keys) {
        return None;
    }
    let found: Vec<Column> = header
        .iter()
        .filter_map(|h| Column::from_header(h))
        .collect();
    let missing = Column::ALL
        .iter()
        .any(|c| c.required() && !found.contains(c));
    if !missing {
        return None;
    }
    // A header alone (or a text that is no table) gets the loader's own report.
    read_table(bytes).filter(|t| !t.rows.is_empty())
}

/// How much of a file is read to find its header.
const HEAD_BYTES: usize = 64 * 1024;

/// A CSV file's header and first rows (JSON, LHEO and unreadable files give `None`).
pub fn read_table(bytes: &[u8]) -> Option<Table> {
    read_table_rows(bytes, crate::limits::MAX_ROWS)
}

/// A CSV file's header and at most `max_rows` rows (their first [`SAMPLE_ROWS`] kept, and the
/// distinct values of every column).
fn read_table_rows(bytes: &[u8], max_rows: usize) -> Option<Table> {
    let d = crate::catalogue::decode::decode_reporting(bytes, "");
    if d.refused {
        return None;
    }
    let text = d.text.replace("\r\n", "\n").replace('\r', "\n");
    let trimmed = text.trim_start();
    #[cfg(feature = "readers")]
    let xml = crate::lheo::looks_like(trimmed);
    #[cfg(not(feature = "readers"))]
    let xml = trimmed.starts_with('<');
    if trimmed.starts_with('[') || trimmed.starts_with('{') || xml {
        return None;
    }
    let delimiter = crate::catalogue::decode::detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()));
    let header: Vec<String> = records
        .next()?
        .iter()
        .take(crate::limits::MAX_COLUMNS)
        .map(|h| crate::catalogue::cells::unneutralise(h).trim().to_string())
        .collect();
    let mut rows = Vec::new();
    let mut distinct: Vec<Vec<String>> = vec![Vec::new(); header.len()];
    for r in records.take(max_rows) {
        for (c, d) in r.iter().zip(distinct.iter_mut()) {
            let c = c.trim();
            if !c.is_empty()
                && d.len() <= MAX_DISTINCT
                && c.chars().count() <= 200
                && !d.iter().any(|x| x == c)
            {
                d.push(c.to_string());
            }
        }
        if rows.len() < SAMPLE_ROWS {
            rows.push(
                r.iter()
                    .take(crate::limits::MAX_COLUMNS)
                    .map(|c| {
                        let c = c.trim();
                        c.char_indices()
                            .nth(200)
                            .and_then(|(i, _)| c.get(..i))
                            .unwrap_or(c)
                            .to_string()
                    })
                    .collect(),
            );
        }
    }
    Some(Table {
        header,
        rows,
        distinct,
    })
}

/// Header words (folded, without spaces) that name a Relais field in other people's tables,
/// beyond the catalogue's own names and aliases.
const HEADER_HINTS: &[(&str, Column)] = &[
    ("denominationsociale", Column::Organisation),
    ("denomination", Column::Organisation),
    ("raisonsociale", Column::Organisation),
    ("nomstructure", Column::Organisation),
    ("nomdelastructure", Column::Organisation),
    ("organisme", Column::Organisation),
    ("association", Column::Organisation),
    ("intitule", Column::Title),
    ("libelle", Column::Title),
    ("mesure", Column::Type),
    ("typestructure", Column::Type),
    ("typedestructure", Column::Type),
    ("codedepartement", Column::Departements),
    ("dept", Column::Departements),
    ("dpt", Column::Departements),
    ("codeinsee", Column::Communes),
    ("codecommune", Column::Communes),
    ("telephone", Column::Contact),
    ("tel", Column::Contact),
    ("email", Column::Contact),
    ("mail", Column::Contact),
    ("courriel", Column::Contact),
    ("activite", Column::Description),
    ("secteurdactivites", Column::Description),
    ("codesrome", Column::Sectors),
    ("coderome", Column::Sectors),
];

/// Source values and the Relais code they usually stand for, for closed fields.
const VALUE_HINTS: &[(Column, &str, &str)] = &[
    (Column::Type, "aci", "aci"),
    (Column::Type, "atelierchantierdinsertion", "aci"),
    (Column::Type, "chantierdinsertion", "aci"),
    (Column::Type, "ei", "ei"),
    (Column::Type, "entreprisedinsertion", "ei"),
    (Column::Type, "eiti", "ei"),
    (Column::Type, "etti", "etti"),
    (Column::Type, "ai", "accompagnement"),
    (Column::Type, "associationintermediaire", "accompagnement"),
    (Column::Type, "geiq", "emploi"),
    (Column::Type, "ea", "emploi"),
    (Column::Type, "entrepriseadaptee", "emploi"),
    (Column::Type, "esat", "emploi"),
    (Column::Type, "formation", "formation"),
    (Column::Type, "atelier", "atelier"),
    (Column::Type, "tig", "tig"),
    (Column::Type, "emploi", "emploi"),
    (Column::Type, "accompagnement", "accompagnement"),
    (Column::Milieu, "milieuferme", "dedans"),
    (Column::Milieu, "detention", "dedans"),
    (Column::Milieu, "milieuouvert", "dehors"),
];

/// What a source column (header and first values) is proposed for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProposedColumn {
    pub header: String,
    /// Its first distinct non-empty values (at most five).
    pub samples: Vec<String>,
    /// The Relais field proposed, if any.
    pub field: Option<Column>,
}

/// A mapping proposed for a table, with each column's samples.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    pub mapping: Mapping,
    pub columns: Vec<ProposedColumn>,
}

fn looks_like_departement(refdata: &RefData, v: &str) -> bool {
    let t = v.trim();
    t.len() <= 3
        && refdata
            .resolve_departement(&departement_code(refdata, t))
            .is_some()
}

/// Propose a mapping for a table: headers compared with the Relais names and aliases and a
/// few usual other names (case and accents aside); value maps for closed fields from the first
/// values; a commune from a name and a postal code; an id from a SIRET (or the line) when
/// there is no id; `dehors` for a missing milieu.
pub fn propose(table: &Table, refdata: &RefData) -> Proposal {
    let mut mapping = Mapping::default();
    let mut columns = Vec::new();
    let samples_of = |i: usize| -> Vec<String> {
        let mut s: Vec<String> = Vec::new();
        for r in &table.rows {
            if let Some(v) = r.get(i).filter(|v| !v.is_empty()) {
                if !s.contains(v) {
                    s.push(v.clone());
                }
            }
            if s.len() >= 5 {
                break;
            }
        }
        s
    };
    let mut taken: Vec<Column> = Vec::new();
    let (mut siret, mut cp, mut commune_name) = (None, None, None);
    for (i, h) in table.header.iter().enumerate() {
        let k = key(h);
        let samples = samples_of(i);
        let mut field = Column::from_header(h).or_else(|| {
            HEADER_HINTS
                .iter()
                .find(|(hint, _)| k == *hint)
                .or_else(|| {
                    HEADER_HINTS
                        .iter()
                        .find(|(hint, _)| hint.len() >= 8 && k.contains(hint))
                })
                .map(|h| h.1)
        });
        if k.contains("siret") {
            siret.get_or_insert(h.clone());
            field = None;
        }
        if [
            "codepostal",
            "cp",
            "postal",
            "codepostalcommune",
            "codepostcom",
        ]
        .contains(&k.as_str())
        {
            cp.get_or_insert(h.clone());
            field = None;
        }
        if field == Some(Column::Communes) && !k.contains("code") && !k.contains("insee") {
            // A commune written by name: found with the postal code.
            commune_name.get_or_insert(h.clone());
            field = None;
        }
        if matches!(
            k.as_str(),
            "ville" | "libcom" | "libellecommune" | "nomcommune"
        ) {
            commune_name.get_or_insert(h.clone());
        }
        if field == Some(Column::Departements)
            && !samples.is_empty()
            && !samples.iter().all(|v| looks_like_departement(refdata, v))
        {
            field = None;
        }
        if let Some(c) = field.filter(|c| !taken.contains(c)) {
            taken.push(c);
            let mut rule = FieldRule {
                column: Some(h.clone()),
                ..FieldRule::default()
            };
            if is_closed(c) {
                let codes = closed_codes(c);
                for v in table.distinct.get(i).cloned().unwrap_or_default() {
                    let vk = key(&v);
                    if codes.iter().any(|code| key(code) == vk) && key(&v) == fold(&v) {
                        continue;
                    }
                    if let Some(to) = VALUE_HINTS
                        .iter()
                        .find(|(col, from, _)| *col == c && *from == vk)
                        .map(|h| h.2)
                    {
                        rule.values.push((v, to.to_string()));
                    }
                }
            }
            mapping.set_rule(c, Some(rule));
            columns.push(ProposedColumn {
                header: h.clone(),
                samples,
                field: Some(c),
            });
        } else {
            columns.push(ProposedColumn {
                header: h.clone(),
                samples,
                field: None,
            });
        }
    }
    if !taken.contains(&Column::Communes) && (commune_name.is_some() || cp.is_some()) {
        mapping.set_rule(
            Column::Communes,
            Some(FieldRule {
                commune: Some(CommuneSource {
                    name: commune_name.clone(),
                    postal_code: cp.clone(),
                }),
                ..FieldRule::default()
            }),
        );
    }
    if !taken.contains(&Column::Id) {
        let template = match &siret {
            Some(s) if taken.contains(&Column::Type) => {
                let t = mapping
                    .rule(Column::Type)
                    .and_then(|r| r.column.clone())
                    .unwrap_or_default();
                format!("{{{s}}}-{{{t}}}")
            }
            Some(s) => format!("{{{s}}}"),
            None => "ligne-{ligne}".to_string(),
        };
        mapping.set_rule(
            Column::Id,
            Some(FieldRule {
                template: Some(template),
                ..FieldRule::default()
            }),
        );
    }
    if !taken.contains(&Column::Title) && taken.contains(&Column::Organisation) {
        let org = mapping
            .rule(Column::Organisation)
            .and_then(|r| r.column.clone())
            .unwrap_or_default();
        mapping.set_rule(
            Column::Title,
            Some(FieldRule {
                template: Some(format!("{{{org}}}")),
                ..FieldRule::default()
            }),
        );
    }
    if !taken.contains(&Column::Milieu) {
        mapping.set_rule(
            Column::Milieu,
            Some(FieldRule {
                default: Some(Milieu::Dehors.code().to_string()),
                ..FieldRule::default()
            }),
        );
    }
    mapping.keep = siret.into_iter().collect();
    for c in &mut columns {
        if mapping.keep.contains(&c.header) {
            continue;
        }
        let mapped_elsewhere = mapping.fields.iter().any(|(_, r)| {
            r.commune.as_ref().is_some_and(|cs| {
                cs.name.as_ref() == Some(&c.header) || cs.postal_code.as_ref() == Some(&c.header)
            })
        });
        if mapped_elsewhere {
            c.field = Some(Column::Communes);
        }
    }
    Proposal { mapping, columns }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commune_keys_drop_leading_zeros_of_numbers() {
        assert_eq!(commune_key("LYON 03"), "lyon3");
        assert_eq!(commune_key("Paris 10e"), "paris10e");
        assert_eq!(commune_key("ST DENIS"), "saintdenis");
    }

    #[test]
    fn placeholders_are_read_and_an_unclosed_brace_ends_them() {
        assert_eq!(
            placeholders("siae-{SIRET}-{MESURE}"),
            vec!["SIRET", "MESURE"]
        );
        assert_eq!(placeholders("{A}-{B"), vec!["A"]);
        assert!(placeholders("plain").is_empty());
    }

    #[test]
    fn a_mapping_written_reads_back_the_same() {
        let mut m = Mapping {
            name: "Essai « guillemets »".into(),
            keep: vec!["SIRET".into()],
            ..Mapping::default()
        };
        m.set_rule(
            Column::Type,
            Some(FieldRule {
                column: Some("MESURE".into()),
                values: vec![
                    ("ACI".into(), "aci".into()),
                    ("AI".into(), "accompagnement".into()),
                ],
                ..FieldRule::default()
            }),
        );
        m.set_rule(
            Column::Id,
            Some(FieldRule {
                template: Some("{SIRET}".into()),
                ..FieldRule::default()
            }),
        );
        m.set_rule(
            Column::Communes,
            Some(FieldRule {
                commune: Some(CommuneSource {
                    name: Some("COMMUNE".into()),
                    postal_code: Some("CP".into()),
                }),
                default: None,
                ..FieldRule::default()
            }),
        );
        let (back, problems) = parse(&m.to_json(), "m.json");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, m);
        assert_eq!(back.fields.first().map(|f| f.0), Some(Column::Id));
    }
}
