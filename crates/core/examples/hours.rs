//! Read hours given as arguments and print what was understood (a debugging aid).
fn main() {
    for a in std::env::args().skip(1) {
        let s = relais_core::schedule::Schedule::read(&a);
        println!(
            "{a:?}\n  {:?} {}\n  fr: {}\n  unplaced {:?} pending {:?}\n  notes {:?}",
            s.state,
            s.to_osm(),
            s.in_words(relais_core::hours::Lang::Fr),
            s.unplaced,
            s.pending,
            s.notes
        );
    }
}
