//! Counsellor's cases as data: each file of `tests/cases/` gives a profile, a few offers with
//! named fields and the expected result as readable text. A case fails with the result it got,
//! ready to compare (or to paste once checked by hand).
//!
//! ```text
//! # What the case shows.
//! today: 2026-11-23
//! profile: {"situation": "dehors", "residence_departement": "93"}
//! offer: id=cafe; organisation=Café; titre=Service; type=aci; milieu=dehors; departements=93
//! expect:
//! now
//!   fits cafe 30: place 30
//! ```

mod common;

use common::{named_offers, profile, refdata};
use relais_core::matching::HorizonResult;
use relais_core::{date, matching::match_profile};
use std::fmt::Write;

/// The result as the counsellor reads it: per horizon the offers that fit (score, points per
/// factor, warnings), those out of reach and those excluded (rules); then the profile's
/// problems.
fn render(h: &HorizonResult, title: &str, out: &mut String) {
    writeln!(out, "{title}").unwrap();
    for f in &h.fits {
        let reasons: Vec<String> = f
            .reasons
            .iter()
            .map(|r| format!("{} {}", r.factor(), r.points))
            .collect();
        write!(out, "  fits {} {}: {}", f.id, f.score, reasons.join(", ")).unwrap();
        for w in &f.warnings {
            write!(out, " ! {}", w.rule()).unwrap();
        }
        out.push('\n');
    }
    for b in &h.beyond {
        writeln!(out, "  beyond {} {} km", b.id, b.distance_km).unwrap();
    }
    for x in &h.excluded {
        let rules: Vec<&str> = x.rules.iter().map(|r| r.rule().code()).collect();
        writeln!(out, "  excluded {}: {}", x.id, rules.join(", ")).unwrap();
    }
}

fn run_case(name: &str, text: &str) -> Result<(), String> {
    let mut today = None;
    let mut profile_json = None;
    let mut offers = Vec::new();
    let mut expected = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("today:") {
            today = date::parse(rest.trim());
        } else if let Some(rest) = line.strip_prefix("profile:") {
            profile_json = Some(rest.trim().to_string());
        } else if let Some(rest) = line.strip_prefix("offer:") {
            offers.push(rest.trim().to_string());
        } else if line.trim() == "expect:" {
            let rest: Vec<&str> = text.lines().skip(i + 1).collect();
            expected = Some(rest.join("\n").trim_end().to_string());
            break;
        } else if !line.trim().is_empty() && !line.starts_with('#') {
            return Err(format!("{name}:{}: unknown line « {line} »", i + 1));
        }
    }
    let today = today.ok_or(format!("{name}: no today"))?;
    let p = profile(&profile_json.ok_or(format!("{name}: no profile"))?);
    let refs: Vec<&str> = offers.iter().map(String::as_str).collect();
    let offers = named_offers(&refs);
    let r = match_profile(&p, &offers, refdata(), today);
    let mut got = String::new();
    render(&r.now, "now", &mut got);
    if let Some(after) = &r.after_release {
        render(after, "after release", &mut got);
    }
    for problem in p.problems(refdata()) {
        writeln!(got, "problem {}: {}", problem.field, problem.fr(refdata())).unwrap();
    }
    let got = got.trim_end();
    let expected = expected.ok_or(format!("{name}: no expect:"))?;
    if got == expected {
        Ok(())
    } else {
        Err(format!("{name}: expected\n{expected}\n--- got\n{got}\n"))
    }
}

#[test]
fn every_case_gives_its_expected_result() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(
        names.len() >= 3,
        "{} cases in {}",
        names.len(),
        dir.display()
    );
    let failures: Vec<String> = names
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            run_case(&name, &text).err()
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_wrong_expectation_fails() {
    // The runner compares for real: a case whose expectation is wrong is reported.
    let case = "today: 2026-11-23\nprofile: {\"situation\": \"dehors\", \"residence_departement\": \"93\"}\noffer: id=a; organisation=O; titre=T; type=formation; milieu=dehors; departements=93\nexpect:\nnow\n  excluded a: zone";
    let err = run_case("wrong.txt", case).unwrap_err();
    assert!(err.contains("fits a"), "{err}");
}
