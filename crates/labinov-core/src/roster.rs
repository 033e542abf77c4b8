//! The illustrative agency roster shipped with Labinov (`data/opd-sample.csv`, a copy of
//! `shared/domain/opd-sample.csv`), used by the demo lab and the tests.

pub const SAMPLE_ROSTER_FILE: &str = "opd-sample.csv";
pub const SAMPLE_ROSTER_CSV: &str = include_str!("../data/opd-sample.csv");

#[cfg(test)]
mod tests {
    use super::*;

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
}
