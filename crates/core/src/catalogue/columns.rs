//! The columns of the catalogue contract (FORMATS.md §1): their French names, the accepted
//! aliases, which are required and which are free text.

use crate::text::key;

/// The columns of FORMATS.md §1, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    Organisation,
    Title,
    Type,
    Milieu,
    Establishments,
    Departements,
    Communes,
    Sectors,
    Skills,
    Measures,
    Schedule,
    Regulated,
    Record,
    Prerequisites,
    Start,
    End,
    Seats,
    Checked,
    ContinuesAs,
    Contact,
    Description,
}

impl Column {
    pub const ALL: [Column; 22] = [
        Column::Id,
        Column::Organisation,
        Column::Title,
        Column::Type,
        Column::Milieu,
        Column::Establishments,
        Column::Departements,
        Column::Communes,
        Column::Sectors,
        Column::Skills,
        Column::Measures,
        Column::Schedule,
        Column::Regulated,
        Column::Record,
        Column::Prerequisites,
        Column::Start,
        Column::End,
        Column::Seats,
        Column::Checked,
        Column::ContinuesAs,
        Column::Contact,
        Column::Description,
    ];

    /// The French name of FORMATS.md.
    pub fn name(self) -> &'static str {
        self.names().first().copied().unwrap_or("")
    }

    /// The French name first, then accepted aliases (English).
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Id => &["id", "identifiant"],
            Column::Organisation => &["organisation", "organization", "structure"],
            Column::Title => &["titre", "title", "nom"],
            Column::Type => &["type"],
            Column::Milieu => &["milieu"],
            Column::Establishments => &["etablissements", "establishments", "etablissement"],
            Column::Departements => &["departements", "departments", "departement"],
            Column::Communes => &["communes", "commune"],
            Column::Sectors => &["secteurs", "sectors", "rome"],
            Column::Skills => &["competences", "skills"],
            Column::Measures => &["mesures", "measures"],
            Column::Schedule => &["horaires", "schedule", "hours"],
            Column::Regulated => &["activites_reglementees", "regulated"],
            Column::Record => &["casier", "record"],
            Column::Prerequisites => &["prerequis", "prerequisites"],
            Column::Start => &["debut", "start"],
            Column::End => &["fin", "end"],
            Column::Seats => &["places", "seats"],
            Column::Checked => &["date_maj", "checked"],
            Column::ContinuesAs => &["suite", "continues_as"],
            Column::Contact => &["contact"],
            Column::Description => &["description"],
        }
    }

    /// The column a header names (case, accents, spaces, `_`, `-` aside), aliases included.
    pub fn from_header(h: &str) -> Option<Column> {
        let k = key(h);
        Column::ALL
            .iter()
            .copied()
            .find(|c| c.names().iter().any(|n| key(n) == k))
    }

    /// Free text that no rule reads: cut at the length limit, the row still loads.
    pub(crate) fn free_text(self) -> bool {
        matches!(
            self,
            Column::Organisation
                | Column::Title
                | Column::Skills
                | Column::Contact
                | Column::Description
        )
    }

    pub fn required(self) -> bool {
        matches!(
            self,
            Column::Id | Column::Organisation | Column::Title | Column::Type | Column::Milieu
        )
    }
}
