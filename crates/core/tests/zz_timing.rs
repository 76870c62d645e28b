use relais_core::RefData;
#[test]
fn timing() {
    let text = include_str!("../../../data/communes.csv");
    let base = RefData::bundled().unwrap();
    for _ in 0..3 {
        let t = std::time::Instant::now();
        let rd = base.clone().with_places(text).unwrap();
        println!("add_communes: {:?} {}", t.elapsed(), rd.communes.len());
        let t = std::time::Instant::now();
        let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let n = r.records().count();
        println!("csv only: {:?} {n}", t.elapsed());
        let t = std::time::Instant::now();
        let k: usize = rd.communes.iter().map(|c| relais_core::places::name_key(&c.nom).len()).sum();
        println!("name_key only: {:?} {k}", t.elapsed());
    }
    for q in ["l", "saint den", "venisieux", "69003", "marseile", "xqzwv"] {
        let t = std::time::Instant::now();
        let s = relais_core::suggest_places(&RefData::bundled().unwrap().with_places(text).unwrap(), q, 10);
        let _ = s;
        let rd = base.clone().with_places(text).unwrap();
        let t2 = std::time::Instant::now();
        let s = relais_core::suggest_places(&rd, q, 10);
        println!("suggest {q}: {:?} ({} results) [{:?}]", t2.elapsed(), s.len(), t.elapsed());
    }
}
