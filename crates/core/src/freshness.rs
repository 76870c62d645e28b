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
/// shown are made (a national catalogue can have tens of thousands of stale offers). A short
/// list is kept as the offers are read, not sorted whole (60,000 stale offers: a sort of 56 ms
/// in the page's task that puts a catalogue in use). Ties by id, then row.
pub fn oldest_stale(offers: &[Offer], today: Date, n: usize) -> (Vec<StaleOffer>, usize) {
    // Past this many, sorting everything costs less than inserting into a long list.
    const KEPT_AS_READ: usize = 256;
    let mut count = 0;
    // The oldest so far, in order: (checked, id, row).
    let mut kept: Vec<(Date, &str, usize)> = Vec::with_capacity(n.min(KEPT_AS_READ) + 1);
    for (i, o) in offers.iter().enumerate() {
        let Some(checked) = o.checked.filter(|_| is_stale(o, today)) else {
            continue;
        };
        count += 1;
        let item = (checked, o.id.as_str(), i);
        if n > KEPT_AS_READ {
            kept.push(item);
            continue;
        }
        if kept.len() == n && kept.last().is_none_or(|last| item >= *last) {
            continue;
        }
        let at = kept.iter().position(|k| item < *k).unwrap_or(kept.len());
        kept.insert(at, item);
        kept.truncate(n);
    }
    if n > KEPT_AS_READ {
        // Rows make every key unique: an unstable sort gives the one order.
        kept.sort_unstable();
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
