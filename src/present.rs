//! Presentation helpers: how to write an offer's place and dates, how to read what the
//! counsellor typed into codes, suggestions for the datalists, result filters and the saved
//! sheet. No matching rule lives here: fitting, exclusions and scores all come from the core.

use crate::i18n::{t, tf, Lang};
use crate::view::{FieldError, Filters, PlaceChoice};
use relais_core::appellations::{self, Appellations, Sector};
use relais_core::explain::Explain;
use relais_core::freshness::{self, StaleOffer};
use relais_core::matching::{
    Beyond, CompactHorizon, ExcludedAt, Exclusion, Factor, MatchResult, Reason, Rule, Warning,
};
use relais_core::model::Offer;
use relais_core::refdata::{Establishment, RefData};
use relais_core::text::fold;
use relais_core::validation::{Issue, ProfileField, ProfileProblem};

/// « Centre pénitentiaire de Fleury-Mérogis (Essonne) », « Centre de détention d'Eysses —
/// Villeneuve-sur-Lot (Lot-et-Garonne) »: what the datalist offers and what the field shows
/// once an establishment is chosen, its département in words. The town is only added when
/// the name does not say it.
pub fn establishment_label(refdata: &RefData, e: &Establishment) -> String {
    let dep = refdata
        .departement(&e.departement)
        .map_or(e.departement.as_str(), |d| d.name.as_str());
    if fold(&e.name).contains(&fold(&e.commune_name)) {
        format!("{} ({dep})", e.name)
    } else {
        format!("{} — {} ({dep})", e.name, e.commune_name)
    }
}

/// The label an establishment had when it carried its département's code (« Centre
/// pénitentiaire de Fleury-Mérogis (91) »): still read, as a counsellor may have it in notes.
fn establishment_label_with_code(e: &Establishment) -> String {
    if fold(&e.name).contains(&fold(&e.commune_name)) {
        format!("{} ({})", e.name, e.departement)
    } else {
        format!("{} — {} ({})", e.name, e.commune_name, e.departement)
    }
}

/// The establishment a typed text names: a label of the list, an id, a source label, a name,
/// a town, or a piece of a name or town that only one establishment has.
pub fn resolve_establishment<'a>(refdata: &'a RefData, text: &str) -> Option<&'a Establishment> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(e) = refdata
        .establishments
        .iter()
        .find(|e| establishment_label(refdata, e) == t || establishment_label_with_code(e) == t)
    {
        return Some(e);
    }
    if let Some(e) = refdata.resolve_establishment(t) {
        return Some(e);
    }
    let f = fold(t);
    if f.chars().count() < 3 {
        return None;
    }
    let mut found = refdata
        .establishments
        .iter()
        .filter(|e| fold(&e.name).contains(&f) || fold(&e.commune_name).contains(&f));
    match (found.next(), found.next()) {
        (Some(e), None) => Some(e),
        _ => None,
    }
}

/// A département or commune code from what was typed: `93`, `Seine-Saint-Denis`, `93008`,
/// `Bobigny`, `Lyon 3`, a postal code, or a suggestion `Bobigny (93008)`. The core reads it
/// (`relais_core::places::resolve_place_input`); a postal code is never taken for an INSEE code in
/// silence, and a name shared by several places asks which.
pub fn resolve_place(refdata: &RefData, text: &str) -> Result<String, FieldError> {
    let t = text.trim();
    match relais_core::places::resolve_place_input(refdata, t) {
        relais_core::places::PlaceMatch::Unique(c) => Ok(c.code),
        relais_core::places::PlaceMatch::Ambiguous(cands) => Err(FieldError::AmbiguousPlace(
            t.to_string(),
            cands
                .into_iter()
                .map(|c| PlaceChoice {
                    code: c.code,
                    reading: c.reading,
                })
                .collect(),
        )),
        // Without the commune list (the single file `relais.html`, or before it arrives), a
        // well-formed INSEE code still works, as the field's help says.
        // The code may come with words: « Bobigny (93008) », or « commune 93008
        // (Seine-Saint-Denis) » as a chip names it while the list is away.
        relais_core::places::PlaceMatch::Unknown if refdata.communes.is_empty() => t
            .split(|c: char| !c.is_ascii_alphanumeric())
            .find_map(|w| refdata.resolve_commune(w))
            .ok_or_else(|| FieldError::UnknownPlace(t.to_string())),
        relais_core::places::PlaceMatch::Unknown => Err(FieldError::UnknownPlace(t.to_string())),
    }
}

/// A ROME code or prefix from what was typed: `g18`, `G1803 — Service en restauration`, a
/// job's or domain's exact label, a suggestion « Boulanger / Boulangère (D1102) » or an
/// everyday word (« boulanger »), read by the core.
pub fn resolve_sector<'a>(
    refdata: &RefData,
    appellations: &'a Appellations,
    text: &str,
) -> Sector<'a> {
    if let Some(code) = rome_suggestion_code(refdata, text) {
        return Sector::Code(code);
    }
    appellations::resolve_sector(refdata, appellations, text)
}

/// A suggestion of the ROME list read back: « Service en restauration (G1803) », « Transport
/// et Logistique (N) », the label exactly that code's (accents and case aside).
fn rome_suggestion_code(refdata: &RefData, text: &str) -> Option<String> {
    let (label, code) = text.trim().strip_suffix(')')?.rsplit_once('(')?;
    let code = code.trim().to_ascii_uppercase();
    if !refdata.rome_known(&code) {
        return None;
    }
    let same = |l: &str| fold(l) == fold(label.trim());
    let job = refdata
        .rome_jobs
        .iter()
        .any(|j| j.code == code && same(&j.label));
    let domain = code.len() == 1
        && refdata
            .rome_domains
            .iter()
            .any(|(c, l)| *c == code && same(l));
    (job || domain).then_some(code)
}

/// Everyday job titles for what is being typed, « Boulanger / Boulangère (D1102) », best
/// first; shown before the ROME list in the sector datalist.
pub fn job_suggestions(appellations: &Appellations, draft: &str) -> Vec<String> {
    if draft.trim().chars().count() < 2 {
        return Vec::new();
    }
    appellations
        .search(draft, 12)
        .into_iter()
        .map(|c| c.appellation.suggestion())
        .collect()
}

/// A sector in words, never its code (kept in the chip's `data-code`): a job by its ROME
/// label (« Service en restauration »), a domain letter by its label and « tout le domaine »,
/// a group (`G18`, any other prefix) by the jobs it holds and « tout le groupe de métiers »,
/// so that a domain, a group and a job never read alike.
pub fn sector_label(refdata: &RefData, lang: Lang, code: &str) -> String {
    if let Some(j) = refdata.rome_jobs.iter().find(|j| j.code == code) {
        return j.label.clone();
    }
    if code.len() == 1 {
        if let Some((_, l)) = refdata.rome_domains.iter().find(|(c, _)| c == code) {
            return tf(lang, "sector.whole_domain", &[l]);
        }
    }
    let jobs: Vec<&str> = refdata
        .rome_jobs
        .iter()
        .filter(|j| !code.is_empty() && j.code.starts_with(code))
        .map(|j| j.label.as_str())
        .collect();
    // Four jobs are named; more, three and how many others.
    let list = match jobs.len() {
        0 => return tf(lang, "sector.unknown", &[code]),
        n if n <= 4 => jobs.join(" ; "),
        n => tf(
            lang,
            "sector.and_others",
            &[
                &jobs.iter().take(3).copied().collect::<Vec<_>>().join(" ; "),
                &(n - 3).to_string(),
            ],
        ),
    };
    tf(lang, "sector.whole_group", &[&list])
}

/// Places for the place fields' datalists, as (code, name in words): every département while
/// little is typed, then the core's suggestions (communes, arrondissements, former communes,
/// postal codes; exact, then prefix, then close spellings). The name is what the field
/// receives when one is picked, and reads back to the same code.
pub fn place_suggestions(refdata: &RefData, lang: Lang, draft: &str) -> Vec<(String, String)> {
    let named = |code: String| {
        let name = place_label(refdata, lang, &code);
        (code, name)
    };
    if fold(draft).chars().count() < 2 {
        return refdata
            .departements
            .iter()
            .map(|d| named(d.code.clone()))
            .collect();
    }
    relais_core::places::suggest_places(refdata, draft, 40)
        .into_iter()
        .map(|c| named(c.code))
        .collect()
}

/// The départements for a select, by name (« Rhône », no number), in alphabetical order.
pub fn departements_by_name(refdata: &RefData) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = refdata
        .departements
        .iter()
        .map(|d| (d.code.clone(), d.name.clone()))
        .collect();
    v.sort_by_cached_key(|(_, name)| fold(name));
    v
}

/// A département or commune named for the person, without its code, told apart from the
/// places of the same name: « Saint-Denis (La Réunion) », « Lyon 3e Arrondissement (Rhône) »,
/// « Rhône » (the core's `RefData::place_name_plain`). Chips, choices and place fields.
pub fn place_label(refdata: &RefData, lang: Lang, code: &str) -> String {
    refdata.place_name_plain(code, core_lang(lang))
}

/// A reading of an ambiguous place, as its choice shows it: the place's name and what it is
/// (« arrondissement de Lyon, par son code postal »), no code.
pub fn place_choice_text(refdata: &RefData, lang: Lang, c: &PlaceChoice) -> (String, String) {
    let label = place_label(refdata, lang, &c.code);
    let note = refdata.place_note_plain(&c.code, c.reading, core_lang(lang));
    // « Doubs, département »: said once.
    let note = if label.ends_with(&format!(", {note}")) {
        String::new()
    } else {
        note
    };
    (label, note)
}

/// Skill words for the datalist: the catalogue's own skills, then the ROME job labels.
pub fn skill_suggestions(offers: &[Offer], refdata: &RefData) -> Vec<String> {
    // Each distinct word folded once, the first of each folded form kept, then sorted: a
    // catalogue repeats its words (60,000 offers: 120,000 words, a few hundred distinct; folding
    // and sorting them all took 44 ms in one task).
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut folded: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut skills: Vec<(String, String)> = Vec::new();
    for s in offers.iter().flat_map(|o| o.skills().iter()) {
        if !seen.insert(s.as_str()) {
            continue;
        }
        let key = fold(s);
        if folded.insert(key.clone()) {
            skills.push((key, s.to_string()));
        }
    }
    // Unique keys: the order is the one a stable sort of every word gave.
    relais_core::order::sort_by(&mut skills, |a, b| a.0.cmp(&b.0));
    let mut skills: Vec<String> = skills.into_iter().map(|(_, s)| s).collect();
    let mut jobs: Vec<String> = refdata.rome_jobs.iter().map(|j| j.label.clone()).collect();
    jobs.sort_by_cached_key(|s| fold(s));
    jobs.dedup();
    skills.extend(jobs);
    skills
}

/// The `n` offers not checked for the longest (more than six months), oldest first (ties by
/// id, then row), and how many there are: `freshness::oldest_stale`'s list, kept as the offers
/// are read rather than sorted whole (60,000 stale offers: a sort of 56 ms in the task that
/// puts the catalogue in use).
pub fn oldest_stale(offers: &[Offer], today: time::Date, n: usize) -> (Vec<StaleOffer>, usize) {
    let mut count = 0;
    // The oldest so far, in order: (checked, id, row).
    let mut kept: Vec<(time::Date, &str, usize)> = Vec::with_capacity(n.min(64) + 1);
    for (i, o) in offers.iter().enumerate() {
        let Some(checked) = o.checked.filter(|_| freshness::is_stale(o, today)) else {
            continue;
        };
        count += 1;
        let item = (checked, o.id.as_str(), i);
        if kept.len() == n && kept.last().is_none_or(|last| item >= *last) {
            continue;
        }
        let at = kept.iter().position(|k| item < *k).unwrap_or(kept.len());
        kept.insert(at, item);
        kept.truncate(n);
    }
    let shown = kept
        .into_iter()
        .filter_map(|(checked, _, i)| {
            let o = offers.get(i)?;
            Some(StaleOffer {
                id: o.id.to_string(),
                title: o.title.to_string(),
                organisation: o.organisation.to_string(),
                checked,
                days: (today - checked).whole_days(),
                line: o.line,
            })
        })
        .collect();
    (shown, count)
}

/// ROME domains and jobs for the sector datalist, words first and the code in brackets (so
/// that a pick reads back to exactly that code, [`resolve_sector`]): « Transport et
/// Logistique (N) », « Service en restauration (G1803) ».
pub fn sector_suggestions(refdata: &RefData) -> Vec<String> {
    let mut out: Vec<String> = refdata
        .rome_domains
        .iter()
        .map(|(c, l)| format!("{l} ({c})"))
        .collect();
    out.extend(
        refdata
            .rome_jobs
            .iter()
            .map(|j| format!("{} ({})", j.label, j.code)),
    );
    out
}

/// What a datalist suggestion shows beside its value: « tout le domaine » for a domain letter,
/// so that « Industrie (H) » is not taken for one job.
pub fn sector_suggestion_note(lang: Lang, suggestion: &str) -> Option<&'static str> {
    let code = suggestion.strip_suffix(')')?.rsplit_once('(')?.1;
    (code.len() == 1).then(|| t(lang, "sector.domain_note"))
}

/// The label of a vocabulary code in the interface language (French when no English exists).
pub fn vocab(refdata: &RefData, lang: Lang, kind: &str, code: &str) -> String {
    match (refdata.term(kind, code), lang) {
        (Some(term), Lang::En) if !term.en.is_empty() => term.en.clone(),
        (Some(term), _) => term.fr.clone(),
        (None, _) => code.replace('_', " "),
    }
}

/// A commune or département by its name only (no code): « Vénissieux », « Rhône ».
pub fn place_plain(refdata: &RefData, code: &str) -> String {
    if let Some(c) = refdata.commune(code) {
        return c.name.clone();
    }
    if let Some(d) = refdata.departement(code) {
        return d.name.clone();
    }
    // A commune while the commune list is not there (the single file, or before it came):
    // its département's name says enough.
    if let Some(d) = refdata.departement(&refdata.departement_code_of(code)) {
        return d.name.clone();
    }
    // Not in the reference lists (an unknown code was already reported by the catalogue
    // check): the name as the core gives it.
    refdata.place_name(code)
}

/// Where an offer takes place, one line per kind of place, places named without their code
/// (« Lyon 7e Arrondissement »): the interface never shows a code.
pub fn where_lines(o: &Offer, refdata: &RefData, lang: Lang) -> Vec<String> {
    where_named(o, refdata, lang, |code| place_plain(refdata, code))
}

/// [`where_lines`] with each commune or département named by `name`.
pub fn where_named(
    o: &Offer,
    refdata: &RefData,
    lang: Lang,
    name: impl Fn(&str) -> String,
) -> Vec<String> {
    let mut lines = Vec::new();
    if o.milieu.inside() && !o.establishments().is_empty() {
        let names: Vec<String> = o
            .establishments()
            .iter()
            .map(|id| {
                refdata
                    .establishment(id)
                    .map(|e| e.name.clone())
                    .unwrap_or_else(|| id.to_string())
            })
            .collect();
        lines.push(tf(lang, "where.inside", &[&names.join(", ")]));
    }
    if o.milieu.outside() {
        let places = if o.communes().is_empty() {
            o.departements()
        } else {
            o.communes()
        };
        if !places.is_empty() {
            let names: Vec<String> = places.iter().map(|c| name(c)).collect();
            lines.push(tf(lang, "where.outside", &[&names.join(", ")]));
        }
        if o.anywhere {
            lines.push(t(lang, "where.anywhere").to_string());
        }
    }
    if lines.is_empty() {
        lines.push(t(lang, "where.unknown").to_string());
    }
    lines
}

/// The core's language for the words it writes (hours, dates, reasons).
pub fn core_lang(lang: Lang) -> relais_core::lang::Lang {
    match lang {
        Lang::Fr => relais_core::lang::Lang::Fr,
        Lang::En => relais_core::lang::Lang::En,
    }
}

/// The core's renderer for what the page and the sheets show: reasons, warnings, exclusions
/// and distances in the interface language, places without their code, dates in words.
pub fn explain(refdata: &RefData, lang: Lang) -> Explain<'_> {
    Explain::plain(refdata, core_lang(lang))
}

/// When an offer takes place: its hours as written, then its dates.
pub fn when_lines(o: &Offer, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    if o.schedule_text.trim().is_empty() {
        lines.push(t(lang, "when.no_hours").to_string());
    } else {
        // Hours in words (« du lundi au vendredi, 9 h – 12 h »), never `Mo-Fr`; what the core
        // could not read at all stays as the catalogue wrote it.
        let words = o
            .schedule
            .as_ref()
            .filter(|s| s.state != relais_core::schedule::HoursState::Unreadable)
            .map(|s| s.in_words(core_lang(lang)))
            .filter(|w| !w.trim().is_empty());
        lines.push(words.unwrap_or_else(|| o.schedule_text.trim().to_string()));
    }
    lines.push(match (o.start, o.end) {
        (None, None) => t(lang, "when.permanent").to_string(),
        (Some(s), Some(e)) => tf(
            lang,
            "when.from_to",
            &[&date_words(lang, s), &date_words(lang, e)],
        ),
        (Some(s), None) => tf(lang, "when.from", &[&date_words(lang, s)]),
        (None, Some(e)) => tf(lang, "when.until", &[&date_words(lang, e)]),
    });
    if let Some(n) = o.seats {
        lines.push(tf(lang, "when.seats", &[&n.to_string()]));
    }
    if let Some(c) = o.checked {
        lines.push(tf(lang, "when.checked", &[&date_words(lang, c)]));
    }
    lines
}

/// The titles of the offers this one continues as, outside.
pub fn suite_titles(o: &Offer, offers: &[Offer]) -> Vec<String> {
    o.continues_as()
        .iter()
        .map(|id| match offers.iter().find(|n| n.id == *id) {
            Some(n) => format!("{} ({})", n.title, n.organisation),
            None => id.to_string(),
        })
        .collect()
}

/// Does an offer pass the display filters (offer type, ROME domain letter)?
pub fn passes(o: &Offer, f: &Filters) -> bool {
    let kind_ok = f.kind.is_none_or(|k| o.kind == k);
    let domain_ok = f
        .domain
        .as_deref()
        .is_none_or(|d| o.sectors().iter().any(|s| s.starts_with(d)));
    kind_ok && domain_ok
}

/// Does the offer of a ranking item (by index in `offers`) pass the display filters? Without
/// a filter nothing is read: every item of a ranking is an offer of the catalogue ranked.
pub fn shown_at(i: u32, offers: &[Offer], f: &Filters) -> bool {
    *f == Filters::default() || offers.get(i as usize).is_some_and(|o| passes(o, f))
}

/// How many fitting and excluded offers of a horizon pass the filters (exact: read from the
/// ranking, not from what is drawn).
pub fn counts(h: &CompactHorizon, offers: &[Offer], f: &Filters) -> (usize, usize) {
    if *f == Filters::default() {
        return (h.fits.len(), h.excluded.len());
    }
    (
        h.fits
            .iter()
            .filter(|x| shown_at(x.offer, offers, f))
            .count(),
        h.excluded
            .iter()
            .filter(|x| shown_at(x.offer, offers, f))
            .count(),
    )
}

/// How many offers of a horizon that fit but lie beyond the radius pass the filters.
pub fn beyond_count(h: &CompactHorizon, offers: &[Offer], f: &Filters) -> usize {
    h.beyond
        .iter()
        .filter(|x| shown_at(x.offer, offers, f))
        .count()
}

/// The excluded offers that share their main cause (the first of their rules in the order of
/// [`Rule::ALL`]: the court's decisions first, the offers not for this situation last). Every
/// offer is in exactly one group; it still lists all its rules. The findings are read only for
/// the items drawn.
pub struct ExclusionGroup {
    pub rule: Rule,
    pub items: Vec<ExcludedAt>,
}

/// Groups excluded offers by main cause, court causes first; within a group, the core's order.
pub fn group_exclusions(items: &[ExcludedAt]) -> Vec<ExclusionGroup> {
    let mut groups: Vec<ExclusionGroup> = Vec::new();
    for &x in items {
        let Some(main) = x.rules.iter().next() else {
            continue;
        };
        match groups.iter_mut().find(|g| g.rule == main) {
            Some(g) => g.items.push(x),
            None => groups.push(ExclusionGroup {
                rule: main,
                items: vec![x],
            }),
        }
    }
    relais_core::order::sort_by_key(&mut groups, |g| g.rule);
    groups
}

/// The heading and the plain sentence of a group of exclusions, in the interface language.
/// Written out key by key so that the i18n test sees every one.
pub fn exclusion_group_text(lang: Lang, rule: Rule) -> (&'static str, &'static str) {
    let (title, why) = match rule {
        Rule::BannedPlace => ("excluded.banned_place", "excluded.banned_place_why"),
        Rule::BannedActivity => ("excluded.banned_activity", "excluded.banned_activity_why"),
        Rule::Curfew => ("excluded.curfew", "excluded.curfew_why"),
        Rule::Measure => ("excluded.measure", "excluded.measure_why"),
        Rule::RecordB2 => ("excluded.record_b2", "excluded.record_b2_why"),
        Rule::Zone => ("excluded.zone", "excluded.zone_why"),
        Rule::Dates => ("excluded.dates", "excluded.dates_why"),
        Rule::Establishment => ("excluded.establishment", "excluded.establishment_why"),
        Rule::Situation => ("excluded.situation", "excluded.situation_why"),
    };
    (t_static(lang, title), t_static(lang, why))
}

/// The label of a score factor, in the interface language. Written out key by key so that
/// the i18n test sees every one.
pub fn factor_label(lang: Lang, factor: Factor) -> &'static str {
    let key = match factor {
        Factor::Skills => "factor.skills",
        Factor::Sectors => "factor.sectors",
        Factor::Place => "factor.place",
        Factor::Timing => "factor.timing",
        Factor::Continuation => "factor.continuation",
        Factor::Obligations => "factor.obligations",
    };
    t_static(lang, key)
}

fn t_static(lang: Lang, key: &'static str) -> &'static str {
    t(lang, key)
}

/// What the core's profile check says of one field, in the interface language: the first
/// problem of `field` among `problems` (`Profile::problems`), or nothing.
pub fn field_problem(
    lang: Lang,
    refdata: &RefData,
    problems: &[ProfileProblem],
    field: ProfileField,
) -> Option<String> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| profile_problem_text(lang, refdata, p))
}

/// One problem of the profile in the interface language.
pub fn profile_problem_text(lang: Lang, refdata: &RefData, p: &ProfileProblem) -> String {
    let name = |code: &str| place_label(refdata, lang, code);
    match &p.issue {
        Issue::EstablishmentMissing => t(lang, "profile_problem.establishment_missing").into(),
        Issue::EstablishmentUnknown { written } => tf(lang, "error.establishment", &[written]),
        Issue::ReleaseDateMissing => t(lang, "profile_problem.release_date_missing").into(),
        Issue::ReleaseDatePast { date } => tf(
            lang,
            "error.release_past",
            &[&relais_core::date::parse(date).map_or(date.clone(), relais_core::date::fr)],
        ),
        Issue::DepartementUnknown { written } => tf(lang, "error.departement", &[written]),
        Issue::CommuneUnknown { written }
            if relais_core::validation::communes_named(refdata, written) > 1 =>
        {
            tf(lang, "profile_problem.commune_ambiguous", &[written])
        }
        Issue::CommuneUnknown { written } => {
            tf(lang, "profile_problem.commune_unknown", &[written])
        }
        Issue::CommuneOutsideDepartement {
            commune,
            departement,
            actual,
        } => tf(
            lang,
            "profile_problem.commune_outside",
            &[&name(commune), &name(departement), &name(actual)],
        ),
        Issue::PlaceUnknown { written } => tf(lang, "error.place", &[written]),
        Issue::HomeBanned { ban } => tf(lang, "profile_problem.home_banned", &[&name(ban)]),
        Issue::ActivityUnknown { written } => {
            tf(lang, "profile_problem.activity_unknown", &[written])
        }
        Issue::CurfewUnreadable { written, error } => {
            let said = relais_core::schedule::Schedule::unread_in_words(written, core_lang(lang));
            tf(lang, "error.curfew", &[said.as_deref().unwrap_or(error)])
        }
        Issue::SectorUnknown { written } => tf(lang, "profile_problem.sector_unknown", &[written]),
    }
}

/// A curfew that reads well, in words and in the interface language (« du lundi au vendredi,
/// 20 h – 7 h »); nothing when it is empty or cannot be read (its error says why).
pub fn curfew_in_words(lang: Lang, text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let s = relais_core::schedule::Schedule::read(t);
    s.is_known().then(|| s.in_words(core_lang(lang)))
}

/// What the result says of an offer put on the sheet.
pub enum Standing<'a> {
    /// Fits now (and maybe after release too): its reasons and warnings.
    Fits {
        reasons: &'a [Reason],
        warnings: &'a [Warning],
        after: bool,
    },
    /// It fits but lies beyond the person's radius (« Plus loin »): how far, and warnings.
    Beyond { beyond: &'a Beyond, after: bool },
    /// The profile changed since it was picked: it no longer fits in any horizon.
    Excluded(&'a [Exclusion]),
}

/// Where the offer stands in a result (the sheet's: only its offers' findings are read).
pub fn standing<'a>(result: &'a MatchResult, id: &str) -> Standing<'a> {
    if let Some(f) = result.now.fits.iter().find(|f| f.id == id) {
        return Standing::Fits {
            reasons: &f.reasons,
            warnings: &f.warnings,
            after: false,
        };
    }
    if let Some(f) = result
        .after_release
        .as_ref()
        .and_then(|a| a.fits.iter().find(|f| f.id == id))
    {
        return Standing::Fits {
            reasons: &f.reasons,
            warnings: &f.warnings,
            after: true,
        };
    }
    let beyond_now = result.now.beyond.iter().find(|b| b.id == id);
    let beyond_after = result
        .after_release
        .as_ref()
        .and_then(|a| a.beyond.iter().find(|b| b.id == id));
    if let Some((b, after)) = beyond_now
        .map(|b| (b, false))
        .or(beyond_after.map(|b| (b, true)))
    {
        return Standing::Beyond { beyond: b, after };
    }
    let rules = result
        .now
        .excluded
        .iter()
        .find(|x| x.id == id)
        .map(|x| x.rules.as_slice())
        .unwrap_or(&[]);
    Standing::Excluded(rules)
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// What an imported offer says beyond the rules' columns (address, website, fees, access,
/// referral, publics, themes, where it is published, the catalogue it comes from), as (label,
/// value) lines for the card; none for an offer that says none of it.
pub fn detail_lines(o: &Offer, lang: Lang) -> Vec<(String, String)> {
    use relais_core::details as d;
    let mut out = Vec::new();
    let mut add = |key: &str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
            out.push((t(lang, key).to_string(), v));
        }
    };
    add("detail.address", d::get(o, d::ADDRESS).map(str::to_string));
    if d::remote(o) {
        add(
            "detail.remote",
            Some(t(lang, "detail.remote_yes").to_string()),
        );
    }
    add("detail.fees", d::get(o, d::FEES).map(str::to_string));
    add("detail.access", d::get(o, d::ACCESS).map(str::to_string));
    let publics = d::list(o, d::PUBLICS);
    if !publics.is_empty() {
        let words: Vec<String> = publics
            .iter()
            .map(|p| d::public_label(p, core_lang(lang)))
            .collect();
        add("detail.publics", Some(words.join(", ")));
    }
    add(
        "detail.publics_note",
        d::get(o, d::PUBLICS_NOTE).map(str::to_string),
    );
    add(
        "detail.referral",
        d::get(o, d::REFERRAL).map(str::to_string),
    );
    let themes = d::list(o, d::THEMES);
    if !themes.is_empty() {
        let words: Vec<String> = themes
            .iter()
            .map(|t| t.replace("--", " : ").replace('-', " "))
            .collect();
        add("detail.themes", Some(words.join(" ; ")));
    }
    add("detail.website", d::get(o, d::WEBSITE).map(str::to_string));
    add(
        "detail.source_link",
        d::get(o, d::SOURCE_LINK).map(str::to_string),
    );
    add("detail.source", d::get(o, d::SOURCE).map(str::to_string));
    out
}

/// « 15 janvier 2027 », « 15 January 2027 » (the core's words).
pub fn date_words(lang: Lang, d: time::Date) -> String {
    relais_core::date::words(d, core_lang(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    // The app only builds for wasm32: run these through wasm-bindgen-test in the browser step.
    use crate::state::State;
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn state() -> State {
        State::new(relais_core::date::parse("2026-11-23").expect("a date"))
    }

    /// The « À vérifier » list of the catalogue panel is the core's, kept as read rather than
    /// sorted whole: same offers, same order, same count, whatever the length shown.
    #[test]
    fn the_oldest_stale_offers_are_the_cores() {
        let s = state();
        let text = relais_core::synthetic::catalogue_csv(3000, &s.refdata);
        let mut offers = relais_core::catalogue::load(text.as_bytes(), "g.csv", &s.refdata).offers;
        // Ties: the same id twice and the same day many times.
        offers.extend(offers[..40].to_vec());
        for day in ["2026-11-23", "2027-06-01", "2025-01-01"] {
            let today = relais_core::date::parse(day).expect("a date");
            for n in [0, 1, 7, 50, usize::MAX] {
                assert_eq!(
                    oldest_stale(&offers, today, n),
                    freshness::oldest_stale(&offers, today, n),
                    "{day}, {n}"
                );
            }
        }
        assert!(freshness::oldest_stale(&offers, s.today, 1).1 > 100);
    }

    #[test]
    fn establishments_are_found_by_label_id_town_or_unique_piece() {
        let s = state();
        let rd = &s.refdata;
        let fleury = rd.establishment("fleury-merogis").expect("fleury");
        assert_eq!(
            resolve_establishment(rd, &establishment_label(rd, fleury)).map(|e| e.id.as_str()),
            Some("fleury-merogis")
        );
        // Its département in words, and the label it had with the code still read.
        assert_eq!(
            establishment_label(rd, fleury),
            "Centre pénitentiaire de Fleury-Mérogis (Essonne)"
        );
        assert_eq!(
            resolve_establishment(rd, "Centre pénitentiaire de Fleury-Mérogis (91)")
                .map(|e| e.id.as_str()),
            Some("fleury-merogis")
        );
        assert_eq!(
            resolve_establishment(rd, "fleury").map(|e| e.id.as_str()),
            Some("fleury-merogis")
        );
        assert_eq!(
            resolve_establishment(rd, "Fresnes").map(|e| e.id.as_str()),
            Some("fresnes")
        );
        assert!(resolve_establishment(rd, "centre").is_none());
        assert!(resolve_establishment(rd, "").is_none());
    }

    #[test]
    fn job_suggestions_come_from_the_fetched_titles() {
        let s = state();
        assert!(
            job_suggestions(&s.appellations, "boulang").is_empty(),
            "not fetched yet"
        );
        let (jobs, problems) = Appellations::parse(include_str!("../data/rome-appellations.csv"));
        assert!(problems.is_empty());
        let found = job_suggestions(&jobs, "boulang");
        assert_eq!(
            found.first().map(String::as_str),
            Some("Boulanger / Boulangère (D1102)")
        );
        assert!(found.len() <= 12);
        assert!(job_suggestions(&jobs, "b").is_empty());
        match resolve_sector(&s.refdata, &jobs, "aide à domicile") {
            Sector::Job(j) => assert_eq!(j.rome, "K1304"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            resolve_sector(&s.refdata, &jobs, "g18"),
            Sector::Code("G18".into())
        );
    }

    /// A ROME code as the page must never show it: a letter and two or four digits.
    fn shows_a_code(text: &str) -> bool {
        let b = text.as_bytes();
        (0..b.len()).any(|i| {
            let boundary = |j: usize| b.get(j).is_none_or(|c| !c.is_ascii_alphanumeric());
            let digits = |n: usize| (1..=n).all(|k| b.get(i + k).is_some_and(u8::is_ascii_digit));
            (i == 0 || boundary(i - 1))
                && b.get(i).is_some_and(|c| (b'A'..=b'N').contains(c))
                && ((digits(2) && boundary(i + 3)) || (digits(4) && boundary(i + 5)))
        })
    }

    #[test]
    fn sectors_are_named_in_words_a_domain_a_group_and_a_job_apart() {
        let s = state();
        let rd = &s.refdata;
        assert_eq!(
            sector_label(rd, Lang::Fr, "G1803"),
            "Service en restauration"
        );
        assert_eq!(
            sector_label(rd, Lang::Fr, "N"),
            "Transport et Logistique (tout le domaine)"
        );
        assert_eq!(
            sector_label(rd, Lang::En, "N"),
            "Transport et Logistique (whole field)"
        );
        assert_eq!(
            sector_label(rd, Lang::Fr, "G18"),
            "Café, bar brasserie ; Management du service en restauration ; \
             Service en restauration ; Sommellerie (tout le groupe de métiers)"
        );
        let big = sector_label(rd, Lang::En, "K21");
        assert!(big.ends_with(" more (whole group of jobs)"), "{big}");
        assert_eq!(sector_label(rd, Lang::Fr, "Z9"), "code ROME inconnu Z9");
        assert!(shows_a_code("G18 — x") && shows_a_code("(G1803)") && !shows_a_code("G180"));
        // No known code is shown, in either language, and none reads like another.
        let mut codes: Vec<String> = rd.rome_domains.iter().map(|(c, _)| c.clone()).collect();
        for j in &rd.rome_jobs {
            codes.push(j.code.clone());
            codes.push(j.code.chars().take(3).collect());
        }
        codes.sort();
        codes.dedup();
        for lang in [Lang::Fr, Lang::En] {
            let mut seen = std::collections::HashMap::new();
            for c in &codes {
                let l = sector_label(rd, lang, c);
                assert!(!shows_a_code(&l), "{c}: {l}");
                if let Some(other) = seen.insert(l.clone(), c.clone()) {
                    // A group of one job is that job's own words, said to be a group.
                    panic!("{other} and {c} both read « {l} »");
                }
            }
        }
    }

    #[test]
    fn every_sector_suggestion_reads_back_to_the_code_it_read_before() {
        let s = state();
        let rd = &s.refdata;
        let (jobs, _) = Appellations::parse(include_str!("../data/rome-appellations.csv"));
        let suggestions = sector_suggestions(rd);
        assert_eq!(
            suggestions.len(),
            rd.rome_domains.len() + rd.rome_jobs.len()
        );
        let codes = rd
            .rome_domains
            .iter()
            .map(|(c, l)| (c, l))
            .chain(rd.rome_jobs.iter().map(|j| (&j.code, &j.label)));
        for (suggestion, (code, label)) in suggestions.iter().zip(codes) {
            // Words first; the code the datalist must carry to be read back comes last.
            assert!(suggestion.starts_with(label.as_str()), "{suggestion}");
            // What the list offered before (« G1803 — Service en restauration ») and now.
            let before = format!("{code} — {label}");
            assert_eq!(
                resolve_sector(rd, &jobs, &before),
                Sector::Code(code.clone())
            );
            assert_eq!(
                resolve_sector(rd, &jobs, suggestion),
                Sector::Code(code.clone()),
                "{suggestion}"
            );
            assert_eq!(
                sector_suggestion_note(Lang::Fr, suggestion).is_some(),
                code.len() == 1
            );
        }
        // The everyday titles offered read back to their own code.
        for typed in [
            "boulang",
            "carist",
            "aide à dom",
            "serveu",
            "chauffeu",
            "couture",
        ] {
            let found = jobs.search(typed, 12);
            assert!(!found.is_empty(), "{typed}");
            for c in found {
                match resolve_sector(rd, &jobs, &c.appellation.suggestion()) {
                    Sector::Job(j) => assert_eq!(j.rome, c.appellation.rome),
                    other => panic!("{other:?}"),
                }
            }
        }
        // Codes stay typable.
        assert_eq!(
            resolve_sector(rd, &jobs, "g1803"),
            Sector::Code("G1803".into())
        );
        assert_eq!(resolve_sector(rd, &jobs, "n"), Sector::Code("N".into()));
    }

    #[test]
    fn places_resolve_from_suggestions() {
        let s = state();
        assert_eq!(
            resolve_place(&s.refdata, "Loire-Atlantique (44)"),
            Ok("44".to_string())
        );
        assert_eq!(resolve_place(&s.refdata, "2a"), Ok("2A".to_string()));
        assert_eq!(
            resolve_place(&s.refdata, "Bobigny (93008)"),
            Ok("93008".to_string())
        );
        assert!(
            resolve_place(&s.refdata, "Bobigny").is_err(),
            "a name needs the commune list"
        );
        // Without the commune list, a commune chip keeps its code (there is no name to
        // show) and reads back to it.
        let chip = place_label(&s.refdata, Lang::Fr, "93008");
        assert_eq!(chip, "commune 93008 (Seine-Saint-Denis)");
        assert_eq!(resolve_place(&s.refdata, &chip), Ok("93008".to_string()));
        let all = place_suggestions(&s.refdata, Lang::Fr, "");
        assert_eq!(all.len(), 101);
        // Départements by their name only, each read back to its code.
        for (code, name) in &all {
            assert!(!name.chars().any(|c| c.is_ascii_digit()), "{name}");
            assert_eq!(resolve_place(&s.refdata, name).as_ref(), Ok(code), "{name}");
        }
    }

    #[test]
    fn place_choices_are_named_in_words_each_once() {
        let mut refdata = (*state().refdata).clone();
        refdata
            .add_communes(include_str!("../data/communes.csv"))
            .expect("communes");
        let rd = &refdata;
        let choices = |text: &str| match resolve_place(rd, text) {
            Err(FieldError::AmbiguousPlace(_, v)) => v,
            other => panic!("{text}: {other:?}"),
        };
        for lang in [Lang::Fr, Lang::En] {
            let shown: Vec<(String, String)> = choices("saint denis")
                .iter()
                .map(|c| place_choice_text(rd, lang, c))
                .collect();
            assert!(shown.len() >= 4, "{shown:?}");
            assert!(shown
                .iter()
                .all(|(l, n)| !l.chars().chain(n.chars()).any(|c| c.is_ascii_digit())));
            let mut labels: Vec<&String> = shown.iter().map(|(l, _)| l).collect();
            labels.sort();
            labels.dedup();
            assert_eq!(labels.len(), shown.len(), "{shown:?}");
        }
        // The département of a name some communes share says it once.
        let doubs = choices("Doubs");
        let dep = doubs
            .iter()
            .find(|c| c.code == "25")
            .expect("the département");
        assert_eq!(
            place_choice_text(rd, Lang::Fr, dep),
            ("Doubs, département".to_string(), String::new())
        );
        // Each choice's name, typed or picked from the datalist, is that one place.
        for c in doubs.iter().chain(&choices("saint denis")) {
            let (label, _) = place_choice_text(rd, Lang::En, c);
            assert_eq!(resolve_place(rd, &label).as_ref(), Ok(&c.code), "{label}");
        }
    }

    #[test]
    fn an_unreadable_curfew_is_said_in_the_interface_language() {
        use relais_core::model::Profile;
        let s = state();
        let p =
            Profile::from_json(r#"{"situation":"dehors","curfew":"le soir"}"#).expect("profile");
        let problems = p.problems(&s.refdata);
        let en = field_problem(Lang::En, &s.refdata, &problems, ProfileField::Curfew)
            .expect("the curfew's problem");
        assert!(
            en.starts_with("Unreadable hours: “le soir” not read."),
            "{en}"
        );
        let fr = field_problem(Lang::Fr, &s.refdata, &problems, ProfileField::Curfew)
            .expect("the curfew's problem");
        assert!(fr.contains("« le soir » non lu"), "{fr}");
        // Hours that read well are said back in words; the English example is read too.
        assert_eq!(
            curfew_in_words(
                Lang::En,
                crate::i18n::t(Lang::En, "field.curfew_placeholder")
            )
            .as_deref(),
            Some("Monday to Friday, 20:00–07:00; Saturday and Sunday, 18:00–08:00")
        );
        assert_eq!(
            curfew_in_words(Lang::Fr, "lun-dim 20:00-07:00").as_deref(),
            Some("tous les jours, 20 h – 7 h")
        );
        assert_eq!(curfew_in_words(Lang::Fr, "le soir"), None);
    }

    #[test]
    fn every_profile_problem_is_said_in_both_languages() {
        use relais_core::model::Profile;
        let s = state();
        let p = Profile::from_json(
            r#"{"situation":"dedans","establishment":"nulle-part","banned_places":["99","69"],"release_departement":"69","residence_departement":"20","curfew":"le soir","sectors":["Z9"],"banned_activities":["jonglage"]}"#,
        )
        .expect("profile");
        let problems = p.problems(&s.refdata);
        assert!(problems.len() >= 7, "{problems:?}");
        // Dedans, no establishment, no release date.
        let missing = Profile::default();
        let problems: Vec<_> = problems
            .into_iter()
            .chain(missing.problems(&s.refdata))
            .collect();
        for p in &problems {
            for lang in [Lang::Fr, Lang::En] {
                let text = profile_problem_text(lang, &s.refdata, p);
                assert!(
                    !text.contains("{}") && !text.contains("profile_problem.") && !text.is_empty(),
                    "{p:?}: {text}"
                );
            }
        }
        let dep = field_problem(
            Lang::En,
            &s.refdata,
            &problems,
            ProfileField::ResidenceDepartement,
        )
        .expect("the département's problem");
        assert!(
            dep.contains("« 20 »") && dep.starts_with("Unknown département"),
            "{dep}"
        );
        assert_eq!(
            field_problem(
                Lang::Fr,
                &s.refdata,
                &problems,
                ProfileField::ResidenceCommune
            ),
            None
        );
    }

    #[test]
    fn exclusions_group_by_main_cause_court_first() {
        use relais_core::matching::Exclusion;
        // One exclusion of each rule these cases need.
        let found = |rule: Rule| match rule {
            Rule::Situation => Exclusion::OpenMilieu,
            Rule::Dates => Exclusion::Ended(relais_core::date::parse("2026-01-01").expect("date")),
            Rule::BannedPlace => Exclusion::BannedPlace {
                ban: "69123".into(),
                place: "69123".into(),
            },
            Rule::Measure => Exclusion::Measure {
                accepted: vec![],
                person: vec![],
                after_release: false,
            },
            Rule::Zone => Exclusion::Zone {
                zone: vec!["69".into()],
                more: false,
                person: "93".into(),
                at: relais_core::matching::PersonAt::Residence,
            },
            _ => Exclusion::Curfew {
                curfew: Default::default(),
                hours: Default::default(),
                span: relais_core::schedule::Span { start: 0, end: 60 },
                dedans: false,
            },
        };
        // As the ranking keeps them: the offer's index and its rules as a set, from the
        // findings' own rules.
        let x = |offer: u32, rules: &[Rule]| ExcludedAt {
            offer,
            rules: rules.iter().map(|&rule| found(rule).rule()).collect(),
            possible_from: None,
        };
        let items = [
            x(0, &[Rule::Situation]),
            x(1, &[Rule::Dates, Rule::BannedPlace]),
            x(2, &[Rule::Curfew]),
            x(3, &[Rule::Situation, Rule::Measure]),
            x(4, &[Rule::Zone]),
        ];
        let groups = group_exclusions(&items);
        let summary: Vec<(&str, Vec<u32>)> = groups
            .iter()
            .map(|g| (g.rule.code(), g.items.iter().map(|x| x.offer).collect()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("banned_place", vec![1]),
                ("curfew", vec![2]),
                ("measure", vec![3]),
                ("zone", vec![4]),
                ("situation", vec![0]),
            ]
        );
        // Every group and every factor has words in both languages, and never shows its code.
        for &rule in Rule::ALL {
            for lang in [Lang::Fr, Lang::En] {
                let (title, why) = exclusion_group_text(lang, rule);
                assert!(
                    !title.contains('_') && !why.contains('_'),
                    "{rule}: {title} / {why}"
                );
                assert!(!title.is_empty() && !why.is_empty());
            }
        }
        for &factor in Factor::ALL {
            for lang in [Lang::Fr, Lang::En] {
                let label = factor_label(lang, factor);
                assert!(
                    !label.contains('.') && !label.is_empty(),
                    "{factor}: {label}"
                );
            }
        }
    }

    #[test]
    fn filters_keep_only_the_chosen_type_and_domain() {
        let s = state();
        let cafe = s.offer("cafe-fleury-aci").expect("the coffee workshop");
        assert!(passes(cafe, &Filters::default()));
        assert!(passes(
            cafe,
            &Filters {
                kind: Some(relais_core::model::OfferType::Aci),
                domain: None
            }
        ));
        assert!(!passes(
            cafe,
            &Filters {
                kind: Some(relais_core::model::OfferType::Tig),
                domain: None
            }
        ));
    }
}
