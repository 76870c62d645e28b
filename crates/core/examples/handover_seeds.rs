//! Seeds for the `handover` fuzz target (`scripts/fuzz.sh`): the chunks the reader would send
//! for the seed catalogue, a small generated one and a file with problems, one file each.
//!
//!     cargo run --release -p relais-core --example handover_seeds -- DIR

use relais_core::catalogue;
use relais_core::handover;
use relais_core::refdata::{RefData, SEED_CATALOGUE};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: handover_seeds DIR")?;
    let rd = RefData::bundled()?;
    let bad = "id;organisation;titre;type;milieu;departements;horaires\n\
               a;Asso;Atelier;nimporte;dehors;44;lun 9h\n\
               b;Asso;Stage;formation;dehors;44;sur rendez-vous\n";
    let files = [
        ("seed", SEED_CATALOGUE.to_string()),
        ("synthetic", relais_core::synthetic::catalogue_csv(20, &rd)),
        ("problems", bad.to_string()),
    ];
    for (name, text) in files {
        let loaded = catalogue::load(text.as_bytes(), name, &rd);
        let mut encoder = handover::Encoder::new();
        let chunk = encoder.chunk(&loaded.problems, &loaded.offers);
        std::fs::write(format!("{dir}/{name}.bin"), chunk)?;
    }
    Ok(())
}
