//! Freshness of a catalogue: which offers were last checked with their organisation too long
//! ago (`date_maj`). The matching's `stale` warning asks [`is_stale`] too, so that the import
//! report and the « à vérifier » badge on a result always agree.

use crate::model::Offer;
use time::Date;

/// Offers not checked for this long (about six months) are flagged « à vérifier ».
pub const STALE_AFTER_DAYS: i64 = 183;

/// An offer not checked for more than six months on a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleOffer {
    pub id: String,
    pub title: String,
    pub organisation: String,
    /// Its `date_maj`.
    pub checked: Date,
    /// Days between `date_maj` and the reference day.
    pub days: i64,
    /// Line (CSV) or entry (JSON) of the offer in its file.
    pub line: usize,
}

/// Was this offer last checked more than six months before `today`? An offer with no
/// `date_maj` is not stale: it is [`unchecked`].
pub fn is_stale(offer: &Offer, today: Date) -> bool {
    offer
        .checked
        .is_some_and(|c| (today - c).whole_days() > STALE_AFTER_DAYS)
}

/// The offers not checked for more than six months on `today`, the oldest check first (ties by
/// id: the order never depends on the catalogue's row order).
pub fn stale_offers(offers: &[Offer], today: Date) -> Vec<StaleOffer> {
    oldest_stale(offers, today, usize::MAX).0
}

/// The first `n` of [`stale_offers`], and how many there are in all: the texts of only those
/// shown are made (a national catalogue can have tens of thousands of stale offers).
pub fn oldest_stale(offers: &[Offer], today: Date, n: usize) -> (Vec<StaleOffer>, usize) {
    let mut stale: Vec<(&Offer, Date)> = offers
        .iter()
        .filter(|o| is_stale(o, today))
        .filter_map(|o| Some((o, o.checked?)))
        .collect();
    stale.sort_by(|(a, ac), (b, bc)| ac.cmp(bc).then_with(|| a.id.cmp(&b.id)));
    let shown = stale
        .iter()
        .take(n)
        .map(|&(o, checked)| StaleOffer {
            id: o.id.to_string(),
            title: o.title.to_string(),
            organisation: o.organisation.to_string(),
            checked,
            days: (today - checked).whole_days(),
            line: o.line,
        })
        .collect();
    (shown, stale.len())
}

/// How many offers have no `date_maj` at all (what [`unchecked`] lists, without the list).
pub fn unchecked_count(offers: &[Offer]) -> usize {
    offers.iter().filter(|o| o.checked.is_none()).count()
}

/// The ids of the offers with no `date_maj` at all (never said to be checked), sorted.
pub fn unchecked(offers: &[Offer]) -> Vec<String> {
    let mut ids: Vec<String> = offers
        .iter()
        .filter(|o| o.checked.is_none())
        .map(|o| o.id.to_string())
        .collect();
    ids.sort();
    ids
}
