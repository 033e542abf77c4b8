//! Agency rosters from CSV (`kode,nama,singkatan,kelompok`, or the English
//! `code,name,short_name,group`).

use crate::error::{Error, Result};
use crate::model::NewAgency;

/// The illustrative roster shipped with Labinov, used by the demo lab.
pub const SAMPLE_ROSTER_CSV: &str = include_str!("../data/opd-sample.csv");

/// Parses a roster. Fails on the first unusable row, naming it; nothing is imported from
/// a roster that has a bad row.
pub fn parse_roster_csv(text: &str) -> Result<Vec<NewAgency>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers()?.clone();
    let col = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    let code =
        col(&["kode", "code"]).ok_or_else(|| Error::invalid("roster", "no column 'kode'"))?;
    let name =
        col(&["nama", "name"]).ok_or_else(|| Error::invalid("roster", "no column 'nama'"))?;
    let short = col(&["singkatan", "short_name", "short name"]);
    let group = col(&["kelompok", "group"]);
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record?;
        let get = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_owned();
        let agency = NewAgency {
            code: get(Some(code)),
            name: get(Some(name)),
            short_name: get(short),
            group: get(group),
        };
        if agency.code.is_empty() || agency.name.is_empty() {
            return Err(Error::invalid(
                "roster",
                format!("row {}: code and name are required", i + 2),
            ));
        }
        out.push(agency);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_roster_parses_with_commas_in_names() {
        let r = parse_roster_csv(SAMPLE_ROSTER_CSV).unwrap();
        assert_eq!(r.len(), 37);
        let bappeda = r.iter().find(|a| a.code == "BAPPEDA").unwrap();
        assert_eq!(
            bappeda.name,
            "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan"
        );
        assert_eq!(bappeda.short_name, "Bappedalitbang");
        assert_eq!(bappeda.group, "Badan");
    }

    #[test]
    fn shipped_copy_matches_the_shared_domain_sample() {
        let shared = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/domain/opd-sample.csv"
        );
        if let Ok(text) = std::fs::read_to_string(shared) {
            assert_eq!(
                text, SAMPLE_ROSTER_CSV,
                "crates/labinov-core/data/opd-sample.csv is stale"
            );
        }
    }

    #[test]
    fn a_row_without_a_name_is_refused_with_its_line() {
        let err = parse_roster_csv("kode,nama\nA,Satu\nB,\n").unwrap_err();
        assert!(err.to_string().contains("row 3"), "{err}");
    }
}
