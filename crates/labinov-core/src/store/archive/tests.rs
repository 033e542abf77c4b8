//! The archive across labs: counts per agency per year, filters and search over every lab,
//! carrying an idea forward (and what it keeps), and the link travelling in a bundle.

use super::{ArchiveQuery, PENERAPAN};
use crate::error::{ErrorCode, Reason};
use crate::model::{IdeaInput, IdeaPatch, NewAgency, NewLab};
use crate::store::Store;

/// A lab of `year` with the agencies of `codes` (name "Dinas <code>").
fn lab(store: &Store, year: i32, codes: &[&str]) -> (String, Vec<String>) {
    let lab = store
        .create_lab(NewLab {
            name: format!("Labinov {year}"),
            start_date: format!("{year}-11-02"),
            days: 3,
            idea_target: 50,
            ..Default::default()
        })
        .unwrap();
    let agencies = codes
        .iter()
        .map(|c| {
            store
                .add_agency(
                    &lab.id,
                    NewAgency {
                        code: (*c).into(),
                        name: format!("Dinas {c}"),
                        ..Default::default()
                    },
                )
                .unwrap()
                .id
        })
        .collect();
    (lab.id, agencies)
}

fn idea(store: &Store, lab: &str, agency: &str, title: &str, tahapan: &str) -> String {
    store
        .add_idea(
            lab,
            IdeaInput {
                agency_id: agency.into(),
                title: title.into(),
                problem: format!("Masalah {title}"),
                description: format!("Uraian {title}"),
                tahapan: tahapan.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id
}

fn titles(store: &Store, q: &ArchiveQuery) -> Vec<String> {
    store
        .archive_page(q)
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.title)
        .collect()
}

#[test]
fn every_lab_is_counted_by_agency_code_and_year_and_penerapan_is_seen() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let (l24, a24) = lab(&store, 2024, &["DINKES", "DISDIK"]);
    // The next year's roster spells a code in lower case and adds an agency.
    let (l25, a25) = lab(&store, 2025, &["dinkes", "DISDIK", "BAPPEDA"]);
    idea(
        &store,
        &l24,
        &a24[0],
        "Antrean puskesmas daring",
        "inisiatif",
    );
    idea(&store, &l24, &a24[0], "Posyandu digital", PENERAPAN);
    idea(&store, &l24, &a24[1], "Rapor daring", "uji_coba");
    idea(&store, &l25, &a25[0], "Ambulans desa", PENERAPAN);
    idea(&store, &l25, &a25[2], "Data terpadu", "");
    let gone = idea(&store, &l25, &a25[1], "Dihapus", PENERAPAN);
    store.delete_idea(&gone).unwrap();

    let s = store.archive_summary().unwrap();
    assert_eq!(s.years, vec![2024, 2025]);
    assert_eq!(
        s.labs.iter().map(|l| (l.year, l.ideas)).collect::<Vec<_>>(),
        vec![(2025, 2), (2024, 3)],
        "newest lab first, live ideas only"
    );
    assert_eq!(s.ideas, 5);
    let dinkes = s.agencies.iter().find(|a| a.code == "dinkes").unwrap();
    assert_eq!(
        dinkes.name, "Dinas dinkes",
        "named as the newest lab names it"
    );
    assert_eq!(
        dinkes
            .per_year
            .iter()
            .map(|y| (y.year, y.ideas))
            .collect::<Vec<_>>(),
        vec![(2024, 2), (2025, 1)]
    );
    assert_eq!((dinkes.ideas, dinkes.in_penerapan), (3, 2));
    let disdik = s.agencies.iter().find(|a| a.code == "DISDIK").unwrap();
    assert_eq!(
        (disdik.ideas, disdik.in_penerapan),
        (1, 0),
        "the deleted idea is not counted"
    );
    let bappeda = s.agencies.iter().find(|a| a.code == "BAPPEDA").unwrap();
    assert_eq!(bappeda.ideas, 1);
    assert_eq!(s.agencies.len(), 3);
}

#[test]
fn filters_search_and_pages_reach_across_labs() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let (l24, a24) = lab(&store, 2024, &["DINKES", "DISDIK"]);
    let (l25, a25) = lab(&store, 2025, &["DINKES", "DISDIK"]);
    idea(
        &store,
        &l24,
        &a24[0],
        "Antrean puskesmas daring",
        "inisiatif",
    );
    idea(&store, &l24, &a24[1], "Rapor daring", PENERAPAN);
    idea(&store, &l25, &a25[0], "Pelayanan ambulans", PENERAPAN);
    idea(&store, &l25, &a25[1], "Beasiswa terpadu", "uji_coba");

    let all = store.archive_page(&ArchiveQuery::default()).unwrap();
    assert_eq!(all.total, 4);
    assert_eq!(all.items[0].year, 2025, "newest lab first");
    assert_eq!(all.items[0].lab_name, "Labinov 2025");

    let q = |f: fn(&mut ArchiveQuery)| {
        let mut q = ArchiveQuery::default();
        f(&mut q);
        titles(&store, &q)
    };
    assert_eq!(
        q(|q| q.years = vec![2024]),
        vec!["Antrean puskesmas daring", "Rapor daring"]
    );
    assert_eq!(
        q(|q| q.agency_codes = vec!["dinkes".into()]),
        vec!["Pelayanan ambulans", "Antrean puskesmas daring"],
        "agency codes match whatever their case"
    );
    assert_eq!(
        q(|q| q.tahapan = vec![PENERAPAN.into()]),
        vec!["Pelayanan ambulans", "Rapor daring"]
    );
    assert_eq!(
        q(|q| {
            q.tahapan = vec![PENERAPAN.into()];
            q.years = vec![2024];
        }),
        vec!["Rapor daring"],
        "filters combine"
    );
    // Search over every lab, affixes tolerated ("layan" finds "Pelayanan").
    assert_eq!(q(|q| q.text = "daring".into()).len(), 2);
    assert_eq!(q(|q| q.text = "layanan".into()), vec!["Pelayanan ambulans"]);
    assert!(q(|q| q.text = "yang".into()).is_empty(), "only a stop word");
    let mut paged = ArchiveQuery {
        limit: 3,
        ..Default::default()
    };
    assert_eq!(store.archive_page(&paged).unwrap().items.len(), 3);
    paged.offset = 3;
    let last = store.archive_page(&paged).unwrap();
    assert_eq!((last.total, last.items.len()), (4, 1));
}

#[test]
fn an_idea_carried_forward_keeps_its_past_and_both_labs_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("db")).unwrap();
    let (l24, a24) = lab(&store, 2024, &["DINKES"]);
    let (l25, a25) = lab(&store, 2025, &["dinkes"]);
    let (l26, _) = lab(&store, 2026, &["DISDIK"]);
    let old = idea(
        &store,
        &l24,
        &a24[0],
        "Antrean puskesmas daring",
        "uji_coba",
    );
    store
        .update_idea(&old, IdeaPatch::new().set("status", "selected"))
        .unwrap();

    let new = store.carry_forward_idea(&old, &l25).unwrap();
    assert_eq!(new.lab_id, l25);
    assert_eq!(new.fields.agency_id, a25[0], "the agency found by code");
    assert_eq!(new.fields.title, "Antrean puskesmas daring");
    assert_eq!(
        new.fields.tahapan, "uji_coba",
        "the stage it reached goes on"
    );
    assert_eq!(
        new.fields.status, "captured",
        "the new lab's board starts afresh"
    );
    assert_eq!(new.continues.as_deref(), Some(old.as_str()));
    assert_eq!(store.get_idea(&new.id).unwrap(), new, "stored as returned");

    // The earlier idea is untouched and both labs show their idea.
    let before = store.get_idea(&old).unwrap();
    assert_eq!(
        (before.lab_id.as_str(), before.fields.status.as_str()),
        (l24.as_str(), "selected")
    );
    assert_eq!(store.list_ideas(&l24).unwrap().len(), 1);
    assert_eq!(store.list_ideas(&l25).unwrap().len(), 1);
    let page = store.archive_page(&ArchiveQuery::default()).unwrap();
    let row = |id: &str| page.items.iter().find(|i| i.id == id).unwrap().clone();
    assert_eq!(row(&old).continued_by, 1);
    assert_eq!(row(&new.id).continues.as_deref(), Some(old.as_str()));

    // Its history says where it came from; the lineage walks both ways.
    let history = store.history(&new.id).unwrap();
    assert!(history.iter().any(|h| h.changes.get("continues").is_some()));
    let chain = |id: &str| {
        store
            .idea_lineage(id)
            .unwrap()
            .into_iter()
            .map(|s| (s.year, s.current))
            .collect::<Vec<_>>()
    };
    assert_eq!(chain(&old), vec![(Some(2024), true), (Some(2025), false)]);
    assert_eq!(
        chain(&new.id),
        vec![(Some(2024), false), (Some(2025), true)]
    );

    // Refusals, each with its reason, and nothing written.
    let reason = |r: crate::error::Result<crate::model::Idea>| match r.unwrap_err() {
        crate::error::Error::Invalid { reason, .. } => *reason,
        e => panic!("unexpected {e:?}"),
    };
    assert_eq!(
        reason(store.carry_forward_idea(&old, &l25)),
        Reason::AlreadyCarriedForward
    );
    assert_eq!(
        reason(store.carry_forward_idea(&old, &l24)),
        Reason::CarryIntoSameLab
    );
    assert_eq!(
        reason(store.carry_forward_idea(&old, &l26)),
        Reason::CarryNoAgency {
            code: "DINKES".into()
        }
    );
    assert_eq!(
        store
            .carry_forward_idea("no-such-idea", &l25)
            .unwrap_err()
            .code(),
        ErrorCode::NotFound
    );
    assert!(store.list_ideas(&l26).unwrap().is_empty());
    assert_eq!(store.list_ideas(&l25).unwrap().len(), 1);
}

#[test]
fn the_link_travels_in_the_later_labs_bundle_even_without_the_earlier_lab() {
    let dir = tempfile::tempdir().unwrap();
    let a = Store::open(dir.path().join("a.db")).unwrap();
    let (l24, a24) = lab(&a, 2024, &["DINKES"]);
    let (l25, _) = lab(&a, 2025, &["DINKES"]);
    let old = idea(&a, &l24, &a24[0], "Antrean puskesmas daring", "uji_coba");
    let new = a.carry_forward_idea(&old, &l25).unwrap();

    // Another laptop takes only the 2025 lab.
    let b = Store::open(dir.path().join("b.db")).unwrap();
    let bundle = dir.path().join("2025.labinov");
    a.write_bundle(&l25, &bundle).unwrap();
    b.merge_bundle(&bundle).unwrap();
    let there = b.get_idea(&new.id).unwrap();
    assert_eq!(there.continues.as_deref(), Some(old.as_str()));
    let chain = b.idea_lineage(&new.id).unwrap();
    assert_eq!(chain.len(), 2);
    assert_eq!(chain[0].idea_id, old);
    assert_eq!(
        chain[0].lab_id, None,
        "the earlier lab is not on this laptop"
    );
    assert!(chain[1].current);

    // Then the 2024 lab arrives too: the chain is whole.
    let bundle24 = dir.path().join("2024.labinov");
    a.write_bundle(&l24, &bundle24).unwrap();
    b.merge_bundle(&bundle24).unwrap();
    let chain = b.idea_lineage(&new.id).unwrap();
    assert_eq!(chain[0].year, Some(2024));
    assert_eq!(
        b.archive_summary().unwrap().agencies[0].per_year.len(),
        2,
        "one agency over two years"
    );
}
