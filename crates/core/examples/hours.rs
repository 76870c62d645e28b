//! Read hours given as arguments (or one per line on stdin, `\n` for a line break) and print
//! what was understood: a debugging aid for the hours reader.
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
        let s = relais_core::schedule::Schedule::read(a);
        println!(
            "{i:3} {a:?}\n    {:?} | {}\n    unplaced {:?} pending {:?}",
            s.state,
            s.to_osm(),
            s.unplaced,
            s.pending
        );
    }
}
