//! Jobs that are a regulated activity by their nature (`data/activites-metiers.csv`): a ban on
//! `mineurs` rules out an offer whose only job is « Animation de loisirs auprès d'enfants ou
//! d'adolescents » (G1203), even when its catalogue fills `secteurs` and leaves
//! `activites_reglementees` empty — which every imported catalogue does (data·inclusion, SIAE,
//! LHEO). An offer that lists such a job among others, or a domain that covers one (`K13`), is
//! kept with a warning: the counsellor checks which post it is.

use std::sync::OnceLock;

const TABLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/activites-metiers.csv"
));

/// (activity, ROME code) in the file's order.
fn table() -> &'static [(&'static str, &'static str)] {
    static T: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut cells = l.split(',');
                let activity = cells.next()?.trim();
                let job = cells.next()?.trim();
                (!activity.is_empty() && !job.is_empty()).then_some((activity, job))
            })
            .collect()
    })
}

/// The job sheets (ROME codes) that are this activity.
pub fn jobs_of(activity: &str) -> impl Iterator<Item = &'static str> + '_ {
    table()
        .iter()
        .filter(move |(a, _)| *a == activity)
        .map(|&(_, job)| job)
}

/// How one sector of an offer meets a banned activity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectorBan {
    /// The banned activity: its index in the bans given.
    pub activity: usize,
    /// The activity's job sheet: the sector itself, or one the sector (a prefix) covers.
    pub job: &'static str,
    /// The sector is that job (`true`), or a domain that covers it among others.
    pub whole: bool,
}

/// The first banned activity (in the order given) whose job the sector is, else the first
/// whose job it covers as a prefix (`K13` covers K1303), else `None`.
pub fn sector_ban(sector: &str, banned: &[String]) -> Option<SectorBan> {
    if sector.is_empty() {
        return None;
    }
    let mut covers = None;
    for (i, b) in banned.iter().enumerate() {
        for job in jobs_of(b) {
            if job == sector {
                return Some(SectorBan {
                    activity: i,
                    job,
                    whole: true,
                });
            }
            if covers.is_none() && job.len() > sector.len() && job.starts_with(sector) {
                covers = Some(SectorBan {
                    activity: i,
                    job,
                    whole: false,
                });
            }
        }
    }
    covers
}

/// What the bans make of an offer, from what each of its sectors meets (in the offer's order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfferJobs {
    /// Every sector is a job of a banned activity: the offer is ruled out (the first).
    Excluded(SectorBan),
    /// Some sector is or covers one: the offer stays, with a warning (the first).
    Warned(SectorBan),
    Clear,
}

pub fn offer_jobs(sectors: impl IntoIterator<Item = Option<SectorBan>>) -> OfferJobs {
    let mut first = None;
    let mut all_whole = true;
    for s in sectors {
        match s {
            Some(b) => {
                all_whole &= b.whole;
                first = first.or(Some(b));
            }
            None => all_whole = false,
        }
    }
    match first {
        Some(b) if all_whole => OfferJobs::Excluded(b),
        Some(b) => OfferJobs::Warned(b),
        None => OfferJobs::Clear,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bans(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_table_reads_and_names_known_activities_only() {
        assert!(table().len() > 60);
        assert!(jobs_of("mineurs").any(|j| j == "G1203"));
        for (a, job) in table() {
            assert!(
                [
                    "mineurs",
                    "personnes_vulnerables",
                    "securite_privee",
                    "transport_personnes",
                    "sante",
                    "finance"
                ]
                .contains(a),
                "{a}"
            );
            assert!(job.len() == 5 && job.is_ascii(), "{job}");
        }
    }

    #[test]
    fn a_sector_is_a_job_or_covers_one() {
        let b = bans(&["securite_privee", "mineurs"]);
        let g = sector_ban("G1203", &b).expect("G1203");
        assert_eq!((g.activity, g.job, g.whole), (1, "G1203", true));
        let k = sector_ban("K13", &b).expect("K13");
        assert_eq!((k.activity, k.job, k.whole), (1, "K1303", false));
        // The whole job of a later ban wins over a domain an earlier ban covers.
        let k25 = sector_ban("K2503", &bans(&["mineurs", "securite_privee"])).expect("K2503");
        assert!(k25.whole);
        assert_eq!(sector_ban("G1803", &b), None);
        assert_eq!(sector_ban("", &b), None);
        assert_eq!(sector_ban("G1203", &bans(&["finance"])), None);
    }

    #[test]
    fn an_offer_is_excluded_only_when_each_of_its_jobs_is_banned() {
        let b = bans(&["mineurs"]);
        let of = |s: &[&str]| offer_jobs(s.iter().map(|s| sector_ban(s, &b)));
        assert!(matches!(of(&["G1203"]), OfferJobs::Excluded(x) if x.job == "G1203"));
        assert!(matches!(of(&["G1203", "K1303"]), OfferJobs::Excluded(_)));
        assert!(matches!(of(&["N1103", "G1203"]), OfferJobs::Warned(x) if x.job == "G1203"));
        assert!(matches!(of(&["K13"]), OfferJobs::Warned(x) if !x.whole));
        assert_eq!(of(&[]), OfferJobs::Clear);
        assert_eq!(of(&["N1103"]), OfferJobs::Clear);
    }
}
