//! Read hours given as arguments (or one per line on stdin, `\n` for a line break) and print
//! what was understood: a debugging aid for the hours reader.
//! `cargo run -p relais-core --example hours -- "du lundi au vendredi de 9h à 12h"`
use relais_core::lang::Lang;
use relais_core::schedule::Schedule;
use std::io::BufRead;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let values: Vec<String> = if args.is_empty() {
        std::io::stdin()
            .lock()
            .lines()
            .map_while(Result::ok)
            .map(|l| l.replace("\\n", "\n"))
            .collect()
    } else {
        args
    };
    for (i, a) in values.iter().enumerate() {
        let s = Schedule::read(a);
        println!(
            "{i:3} {a:?}\n    {:?} | {}\n    fr: {}\n    en: {}\n    unplaced {:?} pending {:?}\n    notes {:?}",
            s.state,
            s.to_osm(),
            s.in_words(Lang::Fr),
            s.in_words(Lang::En),
            s.unplaced,
            s.pending,
            s.notes
        );
    }
}
