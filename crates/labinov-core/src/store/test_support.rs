//! What the store's tests share: a lab with one agency, the starting point of most tests.

use super::Store;
use crate::model::{Agency, Lab, NewAgency, NewLab};

/// A three-day lab ("Labinov Kota Cilegon", from 2 November 2026, target 30) holding one
/// agency, DINKES (Dinas Kesehatan).
pub(crate) fn lab_with_agency(store: &Store) -> (Lab, Agency) {
    let lab = store
        .create_lab(NewLab {
            name: "Labinov Kota Cilegon".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 30,
            ..Default::default()
        })
        .unwrap();
    let agency = store
        .add_agency(
            &lab.id,
            NewAgency {
                code: "DINKES".into(),
                name: "Dinas Kesehatan".into(),
                ..Default::default()
            },
        )
        .unwrap();
    (lab, agency)
}
