//! A demo archive: a city that has run a lab a year for `labs` years, each with the sample
//! roster and `ideas_per_lab` ideas, the older ones further along (uji coba, penerapan), and
//! a few ideas of each lab carried forward into the next. Deterministic for a seed, so the
//! archive tests, `make bench` and a demonstration all see the same city.

use crate::error::Result;
use crate::model::{IdeaInput, ImportMode, Lab, NewLab};
use crate::roster::{SAMPLE_ROSTER_CSV, SAMPLE_ROSTER_FILE};
use crate::store::Store;

use super::IDEAS;

/// Words that vary the demo's titles from year to year.
const TWISTS: &[&str] = &[
    "Terpadu",
    "Keliling",
    "Daring",
    "Tanpa Antre",
    "Ramah Lansia",
    "untuk Kelurahan",
    "Berbasis Warga",
    "Cepat",
    "Satu Pintu",
    "Hijau",
];
const TEMATIK: &[&str] = &[
    "digitalisasi_layanan",
    "penanggulangan_kemiskinan",
    "kemudahan_investasi",
    "prioritas_presiden",
    "non_tematik",
];
const STATUS: &[&str] = &["captured", "shortlisted", "reviewed", "selected"];

/// xorshift64*: a small, seeded, reproducible sequence (not for anything secret).
struct Seq(u64);

impl Seq {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n.max(1)
    }
}

/// Creates `labs` yearly labs ending in `last_year`, oldest first, and returns them.
pub fn create_demo_archive(
    store: &Store,
    labs: u32,
    ideas_per_lab: u32,
    last_year: i32,
    seed: u64,
) -> Result<Vec<Lab>> {
    let mut seq = Seq(seed | 1);
    let mut made: Vec<Lab> = Vec::new();
    let mut previous: Vec<String> = Vec::new();
    for k in 0..labs {
        let year = last_year - (labs - 1 - k) as i32;
        let lab = store.create_lab(NewLab {
            name: format!("Executive Laboratorium Inovasi {year}"),
            organiser: "Bappedalitbang Kota Cilegon".into(),
            city: "Kota Cilegon".into(),
            venue: "Aula Bappedalitbang".into(),
            start_date: format!("{year}-11-02"),
            days: 3,
            idea_target: ideas_per_lab,
            time_zone: Some("Asia/Jakarta".into()),
        })?;
        store.import_agencies(
            &lab.id,
            SAMPLE_ROSTER_FILE,
            SAMPLE_ROSTER_CSV.as_bytes(),
            ImportMode::AllOrNothing,
        )?;
        let agencies = store.list_agencies(&lab.id)?;
        // The older the lab, the further its ideas have come.
        let age = (labs - 1 - k) as usize;
        let batch: Vec<IdeaInput> = (0..ideas_per_lab as usize)
            .map(|i| {
                let (code, title, problem, description) = IDEAS[(i + k as usize * 7) % IDEAS.len()];
                let agency = agencies
                    .iter()
                    .find(|a| a.code == code)
                    .unwrap_or(&agencies[i % agencies.len()]);
                let twist = TWISTS[seq.next(TWISTS.len())];
                let progress = seq.next(5 + age.min(6));
                IdeaInput {
                    agency_id: agency.id.clone(),
                    title: format!("{title} {twist} {year}-{i}"),
                    problem: problem.into(),
                    description: description.into(),
                    lab_day: Some(1 + (i % 3) as u32),
                    tahapan: match progress {
                        0..=2 => "inisiatif",
                        3..=4 => "uji_coba",
                        _ => "penerapan",
                    }
                    .into(),
                    tematik: TEMATIK[seq.next(TEMATIK.len())].into(),
                    status: STATUS[seq.next(STATUS.len())].into(),
                    ..Default::default()
                }
            })
            .collect();
        let ideas = store.add_ideas(&lab.id, batch)?;
        // One idea in twenty of last year's lab goes on in this one.
        for id in previous.iter().step_by(20) {
            store.carry_forward_idea(id, &lab.id)?;
        }
        previous = ideas.into_iter().map(|i| i.id).collect();
        made.push(lab);
    }
    Ok(made)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::archive::ArchiveQuery;

    #[test]
    fn a_seeded_archive_is_the_same_city_every_time() {
        let dir = tempfile::tempdir().unwrap();
        let titles = |name: &str| {
            let store = Store::open(dir.path().join(name)).unwrap();
            let labs = create_demo_archive(&store, 3, 40, 2026, 7).unwrap();
            assert_eq!(labs.len(), 3);
            let s = store.archive_summary().unwrap();
            assert_eq!(s.years, vec![2024, 2025, 2026]);
            // 40 per lab, plus 2 carried into each later lab.
            assert_eq!(s.ideas, 3 * 40 + 2 * 2);
            assert!(s.agencies.iter().any(|a| a.in_penerapan > 0));
            let carried = store
                .archive_page(&ArchiveQuery {
                    limit: 500,
                    ..Default::default()
                })
                .unwrap()
                .items
                .into_iter()
                .filter(|i| i.continues.is_some())
                .count();
            assert_eq!(carried, 4);
            store
                .archive_page(&ArchiveQuery {
                    limit: 500,
                    ..Default::default()
                })
                .unwrap()
                .items
                .into_iter()
                .map(|i| (i.title, i.tahapan, i.status))
                .collect::<Vec<_>>()
        };
        assert_eq!(titles("a.db"), titles("b.db"));
    }
}
