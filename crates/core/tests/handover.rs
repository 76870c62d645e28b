//! The hand-over from the reader's worker to the page (`handover`): what the worker encodes,
//! the page decodes to the same offers and problems, in any chunks, hours shared again; and
//! whatever bytes arrive instead (cut, damaged, random, made to exhaust memory), decoding
//! gives an error, never a panic, and reserves nothing the bytes do not justify.

use proptest::prelude::*;
use relais_core::catalogue::{load, Problem, Severity};
use relais_core::handover::{self, Chunk, Decoder, Encoder};
use relais_core::model::{Code, Measure, Milieu, Offer, OfferLists, OfferType, RecordRequirement};
use relais_core::refdata::{RefData, SEED_CATALOGUE};
use relais_core::schedule::Schedule;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use time::Date;

fn rd() -> &'static RefData {
    static RD: OnceLock<RefData> = OnceLock::new();
    RD.get_or_init(|| RefData::bundled().expect("bundled"))
}

const HOURS: &[&str] = &[
    "",
    "lun-ven 08:30-16:30",
    "Mo-Fr 22:00-05:00",
    "sur rendez-vous",
    "le soir, parfois",
    "du lundi au vendredi de 9h à 12h et de 14h à 17h",
];

/// The hours of the pool, each read once and shared, as the reader does.
fn hours_pool() -> &'static Vec<(Code, Option<Arc<Schedule>>)> {
    static P: OnceLock<Vec<(Code, Option<Arc<Schedule>>)>> = OnceLock::new();
    P.get_or_init(|| {
        HOURS
            .iter()
            .map(|h| {
                let s = (!h.is_empty()).then(|| Arc::new(Schedule::read(h)));
                (Code::new(h), s)
            })
            .collect()
    })
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9 -]{0,12}", "\\PC{0,8}", Just(String::new())]
}

fn code() -> impl Strategy<Value = Code> {
    text().prop_map(Code::from)
}

fn codes() -> impl Strategy<Value = Vec<Code>> {
    prop::collection::vec(code(), 0..4)
}

fn date() -> impl Strategy<Value = Option<Date>> {
    prop::option::of(
        (-1_000_000i32..5_000_000).prop_filter_map("a date", |j| Date::from_julian_day(j).ok()),
    )
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all)
}

prop_compose! {
    fn offer()(
        (id, organisation, title, contact, description) in (code(), code(), code(), text(), text()),
        (kind, milieu, anywhere, record) in (
            pick(OfferType::ALL), pick(Milieu::ALL), any::<bool>(),
            prop::option::of(pick(RecordRequirement::ALL)),
        ),
        (establishments, departements, communes, sectors, skills, skill_keys) in
            (codes(), codes(), codes(), codes(), codes(), codes()),
        (regulated, prerequisites, continues_as, zone_eligibilite) in
            (codes(), codes(), codes(), codes()),
        measures in prop::collection::vec(pick(Measure::ALL), 0..3),
        (hours, bare) in (0..HOURS.len(), any::<bool>()),
        (start, end, checked) in (date(), date(), date()),
        seats in prop::option::of(any::<u32>()),
        extra in prop::collection::btree_map(text(), text(), 0..3),
        line in any::<u32>(),
    ) -> Offer {
        let (schedule_text, mut schedule) = hours_pool()[hours].clone();
        // Hours written but not read (a reader that keeps the text only).
        if bare {
            schedule = None;
        }
        let lists = OfferLists {
            establishments, departements, communes, sectors, skills, skill_keys, regulated,
            prerequisites, continues_as, zone_eligibilite, contact, description,
        };
        Offer {
            id, organisation, title, kind, milieu, anywhere, lists: lists.into(),
            measures: measures.into(), schedule_text, schedule, record, start, end, seats,
            checked, extra: extra.into_iter().collect::<BTreeMap<_, _>>(),
            line: line as usize,
        }
    }
}

prop_compose! {
    fn problem()(
        file in text(), line in any::<u32>(), column in prop::option::of(any::<u16>()),
        field in prop::option::of(text()), warning in any::<bool>(), message in text(),
    ) -> Problem {
        Problem {
            file, line: line as usize, column: column.map(usize::from), field,
            severity: if warning { Severity::Warning } else { Severity::Error },
            message,
        }
    }
}

/// Encode in chunks of `size`, decode them in order with one decoder.
fn across(problems: &[Problem], offers: &[Offer], size: usize) -> Chunk {
    let mut encoder = Encoder::new();
    let mut decoder = Decoder::new();
    let mut all = Chunk::default();
    let mut send = |p: &[Problem], o: &[Offer]| {
        let c = decoder.chunk(&encoder.chunk(p, o)).expect("a chunk");
        all.problems.extend(c.problems);
        all.offers.extend(c.offers);
    };
    send(problems, &[]);
    for o in offers.chunks(size.max(1)) {
        send(&[], o);
    }
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn what_is_encoded_decodes_to_the_same_offers_in_any_chunks(
        offers in prop::collection::vec(offer(), 0..12),
        problems in prop::collection::vec(problem(), 0..4),
        size in 1usize..5,
    ) {
        let got = across(&problems, &offers, size);
        prop_assert_eq!(&got.offers, &offers);
        prop_assert_eq!(&got.problems, &problems);
        // The same hours are one schedule on the page, whichever chunk brought them.
        for a in &got.offers {
            for b in &got.offers {
                if let (Some(x), Some(y)) = (&a.schedule, &b.schedule) {
                    if a.schedule_text == b.schedule_text {
                        prop_assert!(Arc::ptr_eq(x, y));
                    }
                }
            }
        }
    }

    #[test]
    fn random_bytes_give_an_error_or_offers_never_a_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..400),
        with_header in any::<bool>(),
    ) {
        let mut b = Vec::new();
        if with_header {
            b.extend_from_slice(&handover::MAGIC);
            b.push(handover::VERSION);
        }
        b.extend_from_slice(&bytes);
        if let Ok(chunk) = handover::decode(&b) {
            // What decodes is what these bytes say: it encodes back to them.
            prop_assert_eq!(handover::decode(&handover::encode(&chunk.problems, &chunk.offers)), Ok(chunk));
        }
    }

    #[test]
    fn a_cut_or_damaged_chunk_is_an_error_or_other_offers_never_a_panic(
        offers in prop::collection::vec(offer(), 1..4),
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        let good = handover::encode(&[], &offers);
        let at = cut.index(good.len());
        prop_assert!(handover::decode(&good[..at]).is_err(), "cut at {}", at);
        let mut bad = good.clone();
        let i = flip.index(bad.len());
        bad[i] = byte;
        let _ = handover::decode(&bad);
    }
}

#[test]
fn real_catalogues_cross_whole_in_chunks_of_a_thousand() {
    let rd = rd();
    let csv = relais_core::synthetic::catalogue_csv(2_500, rd);
    for (name, text) in [
        ("catalogue.csv", SEED_CATALOGUE.to_string()),
        ("synthetic.csv", csv),
    ] {
        let loaded = load(text.as_bytes(), name, rd);
        assert!(!loaded.offers.is_empty());
        let got = across(&loaded.problems, &loaded.offers, 1_000);
        assert_eq!(got.offers, loaded.offers, "{name}");
        assert_eq!(got.problems, loaded.problems, "{name}");
    }
}

#[test]
fn a_chunk_that_announces_more_than_it_holds_is_refused_before_anything_is_reserved() {
    // « 2^62 hours », « 2^62 offers » in a few bytes: refused at the count, not after an
    // attempt to reserve exabytes.
    for section in 0..3 {
        let mut b = handover::MAGIC.to_vec();
        b.push(handover::VERSION);
        b.resize(b.len() + section, 0);
        b.extend_from_slice(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40]);
        let e = handover::decode(&b).expect_err("too many");
        assert_eq!(e.at, 5 + section, "{e}");
        assert!(e.to_string().contains("plus d'éléments annoncés"), "{e}");
    }
}

#[test]
fn another_version_or_other_bytes_are_refused_with_a_sentence() {
    let mut b = handover::encode(&[], &[]);
    assert_eq!(handover::decode(&b), Ok(Chunk::default()));
    b[4] = handover::VERSION + 1;
    let e = handover::decode(&b).expect_err("version");
    assert!(e.to_string().contains("recharger la page"), "{e}");
    let e = handover::decode(b"id;titre\n").expect_err("CSV");
    assert!(e.to_string().contains("pas un envoi du lecteur"), "{e}");
    // Hours the job never sent.
    let rd = rd();
    let loaded = load(SEED_CATALOGUE.as_bytes(), "c.csv", rd);
    let with_hours = loaded
        .offers
        .iter()
        .find(|o| o.schedule.is_some())
        .expect("the seed has hours")
        .clone();
    let mut encoder = Encoder::new();
    let _first = encoder.chunk(&[], std::slice::from_ref(&with_hours));
    let second = encoder.chunk(&[], std::slice::from_ref(&with_hours));
    let e = Decoder::new()
        .chunk(&second)
        .expect_err("hours of a lost chunk");
    assert!(e.to_string().contains("horaires jamais envoyés"), "{e}");
}
