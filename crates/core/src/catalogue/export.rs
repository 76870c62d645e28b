//! Offers back to a FORMATS.md CSV.

use super::cells::neutralise;
use super::columns::Column;
use crate::model::{Code, Offer};

/// One offer as (column name, cell) pairs, in the order of FORMATS.md, extra columns last.
pub fn to_cells(o: &Offer) -> Vec<(String, String)> {
    let mut cells: Vec<(String, String)> = Column::ALL
        .iter()
        .map(|&c| (c.name().to_string(), cell(o, c)))
        .collect();
    cells.extend(o.extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    cells
}

/// The cell of one column for an offer, as the catalogue contract writes it.
pub fn cell(o: &Offer, c: Column) -> String {
    let list = |v: &[Code]| v.join(",");
    let date = |d: Option<time::Date>| d.map(crate::date::iso).unwrap_or_default();
    match c {
        Column::Id => o.id.to_string(),
        Column::Organisation => o.organisation.to_string(),
        Column::Title => o.title.to_string(),
        Column::Type => o.kind.code().into(),
        Column::Milieu => o.milieu.code().into(),
        Column::Establishments => list(o.establishments()),
        Column::Departements => {
            let star = o.anywhere.then(|| Code::new("*"));
            let deps: Vec<Code> = star
                .into_iter()
                .chain(o.departements().iter().cloned())
                .collect();
            list(&deps)
        }
        Column::Communes => list(o.communes()),
        Column::Sectors => list(o.sectors()),
        Column::Skills => list(o.skills()),
        Column::Measures => o
            .measures
            .iter()
            .map(|m| m.code())
            .collect::<Vec<_>>()
            .join(","),
        Column::Schedule => o.schedule_text.to_string(),
        Column::Regulated => list(o.regulated()),
        Column::Record => o.record.map(|r| r.code().to_string()).unwrap_or_default(),
        Column::Prerequisites => list(o.prerequisites()),
        Column::Start => date(o.start),
        Column::End => date(o.end),
        Column::Seats => o.seats.map(|s| s.to_string()).unwrap_or_default(),
        Column::Checked => date(o.checked),
        Column::ContinuesAs => list(o.continues_as()),
        Column::Contact => o.contact().to_string(),
        Column::Description => o.description().to_string(),
    }
}

/// Write offers back as a FORMATS.md CSV (`;`-separated, UTF-8), extra columns last. A cell a
/// spreadsheet would run as a formula gets a `'` first ([`neutralise`]); [`load`] takes it away.
pub fn to_csv(offers: &[Offer]) -> String {
    let mut extra_names: Vec<String> = offers
        .iter()
        .flat_map(|o| o.extra.keys().cloned())
        .collect();
    extra_names.sort();
    extra_names.dedup();
    let mut out = String::new();
    let mut header: Vec<String> = Column::ALL.iter().map(|c| c.name().to_string()).collect();
    header.extend(extra_names.iter().map(|n| neutralise(n).into_owned()));
    write_record(&mut out, &header);
    for o in offers {
        let cells = to_cells(o);
        let mut rec: Vec<String> = cells
            .into_iter()
            .take(Column::ALL.len())
            .map(|c| neutralise(&c.1).into_owned())
            .collect();
        rec.extend(extra_names.iter().map(|n| {
            o.extra
                .get(n)
                .map(|v| neutralise(v).into_owned())
                .unwrap_or_default()
        }));
        write_record(&mut out, &rec);
    }
    out
}

/// One `;`-separated record and its line end, quoted as the csv crate's writer quotes
/// (`QuoteStyle::Necessary`: a cell holding `;`, `"` or a line end; `"` doubled). Written out
/// because the csv writer costs about 15 KB (brotli) of the browser bundle for this alone; a
/// test checks the output against it.
fn write_record(out: &mut String, cells: &[String]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        if c.contains([';', '"', '\n', '\r']) || (cells.len() == 1 && c.is_empty()) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push('\n');
}
