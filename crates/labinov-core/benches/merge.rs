//! Merge benchmark. Run: `cargo bench -p labinov-core --bench merge` (or `make bench`).
//!
//! Two laptops capture `LABINOV_BENCH_MERGE_IDEAS` ideas each (default 10,000) in the same lab
//! (the second starts from the first's bundle, so they share the lab and its agencies),
//! both edit a hundred of the shared ideas; then it times:
//! - merging both bundles into a fresh laptop (the first creates the lab);
//! - merging the second bundle into the first laptop (which holds its own 10,000);
//! - merging the same bundle again (nothing new: the cost of an idempotent re-merge).
//!
//! Prints the figures and writes `target/bench-results/merge.json`.
//! `LABINOV_BENCH_DIR` chooses the disk; `LABINOV_BENCH_MERGE_IDEAS` the ideas per laptop.

mod common;

use std::time::Instant;

use common::{bench_dir, env_usize, write_results, Figure};

use labinov_core::{IdeaInput, IdeaPatch, NewAgency, NewLab, Store};

fn capture(store: &Store, lab: &str, agencies: &[String], n: usize, tag: &str) -> Vec<String> {
    let inputs: Vec<IdeaInput> = (0..n)
        .map(|i| IdeaInput {
            agency_id: agencies[i % agencies.len()].clone(),
            title: format!("Layanan terpadu {tag} nomor {i}"),
            problem: "Warga antre lama untuk layanan administrasi kependudukan.".into(),
            description: "Satu loket, satu formulir, pemberitahuan lewat pesan singkat.".into(),
            ..Default::default()
        })
        .collect();
    let mut ids = Vec::with_capacity(n);
    for chunk in inputs.chunks(1000) {
        ids.extend(
            store
                .add_ideas(lab, chunk.to_vec())
                .unwrap()
                .into_iter()
                .map(|i| i.id),
        );
    }
    ids
}

/// Copies the rows a merge of `bundle` into the database at `db` adds (its ideas, their
/// clocks and search index, its history) with plain `INSERT … SELECT`s, with Labinov's
/// pragmas (WAL, `synchronous = FULL`), in one transaction; returns the milliseconds.
fn raw_copy(db: &std::path::Path, bundle: &std::path::Path) -> f64 {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
        .unwrap();
    c.execute("ATTACH ?1 AS b", [bundle.to_str().unwrap()])
        .unwrap();
    let t = Instant::now();
    c.execute_batch(
        "BEGIN;
         INSERT INTO idea SELECT * FROM b.idea WHERE id NOT IN (SELECT id FROM main.idea);
         INSERT INTO field_clock SELECT * FROM b.field_clock WHERE true ON CONFLICT DO NOTHING;
         INSERT INTO idea_search (idea_id, lab_id, body)
           SELECT s.idea_id, s.lab_id, s.body FROM b.idea_search s
           WHERE s.idea_id NOT IN (SELECT idea_id FROM main.idea_search_key);
         INSERT INTO idea_search_key (idea_id, fts_rowid)
           SELECT s.idea_id, s.rowid FROM main.idea_search s
           WHERE s.idea_id NOT IN (SELECT idea_id FROM main.idea_search_key);
         INSERT INTO change_log (at, installation_id, lab_id, entity, entity_id, op, changes)
           SELECT at, installation_id, lab_id, entity, entity_id, op, changes FROM b.change_log;
         COMMIT;",
    )
    .unwrap();
    t.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let dir = bench_dir();
    let n = env_usize("LABINOV_BENCH_MERGE_IDEAS", 10_000);

    let a = Store::open(dir.path().join("a.db")).unwrap();
    let lab = a
        .create_lab(NewLab {
            name: "Labinov Bench".into(),
            start_date: "2026-11-02".into(),
            days: 3,
            idea_target: 100,
            ..Default::default()
        })
        .unwrap()
        .id;
    let agencies: Vec<String> = (0..40)
        .map(|i| {
            a.add_agency(
                &lab,
                NewAgency {
                    code: format!("OPD{i:02}"),
                    name: format!("Dinas nomor {i}"),
                    ..Default::default()
                },
            )
            .unwrap()
            .id
        })
        .collect();
    let shared = capture(&a, &lab, &agencies, 100, "bersama");
    let b = Store::open(dir.path().join("b.db")).unwrap();
    b.merge_bundle(&{
        let p = dir.path().join("start.labinov");
        a.write_bundle(&lab, &p).unwrap();
        p
    })
    .unwrap();
    let t = Instant::now();
    capture(&a, &lab, &agencies, n, "A");
    capture(&b, &lab, &agencies, n, "B");
    eprintln!(
        "captured 2 x {n} ideas in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    for (i, id) in shared.iter().enumerate() {
        a.update_idea(id, IdeaPatch::new().set("problem", format!("Versi A {i}")))
            .unwrap();
        b.update_idea(id, IdeaPatch::new().set("problem", format!("Versi B {i}")))
            .unwrap();
    }
    let bundle_a = dir.path().join("a.labinov");
    let bundle_b = dir.path().join("b.labinov");
    let t = Instant::now();
    a.write_bundle(&lab, &bundle_a).unwrap();
    let export_ms = t.elapsed().as_secs_f64() * 1000.0;
    b.write_bundle(&lab, &bundle_b).unwrap();

    // The floor of the merge into A: the same rows of B (ideas, their clocks, their
    // search index, the history) copied plainly by SQLite into a copy of A, in one
    // transaction with the same pragmas: no checks, no registers, no conflicts.
    let a_raw = dir.path().join("a-raw.db");
    {
        let c = rusqlite::Connection::open(dir.path().join("a.db")).unwrap();
        c.execute("VACUUM INTO ?1", [a_raw.to_str().unwrap()])
            .unwrap();
    }
    let raw_ms = raw_copy(&a_raw, &bundle_b);

    let fresh = Store::open(dir.path().join("fresh.db")).unwrap();
    let t = Instant::now();
    let r1 = fresh.merge_bundle(&bundle_a).unwrap();
    let first_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let r2 = fresh.merge_bundle(&bundle_b).unwrap();
    let second_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let r3 = a.merge_bundle(&bundle_b).unwrap();
    let into_a_ms = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let again = a.merge_bundle(&bundle_b).unwrap();
    let again_ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(r1.new_ideas.len(), n + 100);
    assert_eq!(r2.new_ideas.len(), n);
    assert_eq!(r3.new_ideas.len(), n);
    assert_eq!(again.conflicts, 0);
    assert_eq!(fresh.list_ideas(&lab).unwrap().len(), 2 * n + 100);
    assert_eq!(a.list_ideas(&lab).unwrap().len(), 2 * n + 100);

    let size = std::fs::metadata(&bundle_a).unwrap().len();
    println!("merge benchmark: two bundles of {n} ideas (+100 shared, edited on both)");
    println!(
        "  bundle of {n} ideas: {:.1} MB, written in {export_ms:.0} ms",
        size as f64 / 1e6
    );
    println!("  fresh laptop, first bundle (creates the lab): {first_ms:.0} ms");
    println!(
        "  fresh laptop, second bundle: {second_ms:.0} ms ({} conflicts logged)",
        r2.conflicts
    );
    println!(
        "  laptop A merging B's bundle: {into_a_ms:.0} ms (the same rows copied plainly: {raw_ms:.0} ms)"
    );
    println!("  the same bundle again (nothing new): {again_ms:.0} ms");

    let k = format!("{n}-idea bundle");
    write_results(
        "merge",
        &[
            Figure::new(format!("merge: a {k} into a fresh laptop"), first_ms, "ms")
                .under(30_000.0),
            Figure::new(
                format!("merge: a second {k} into it (100 conflicts)"),
                second_ms,
                "ms",
            )
            .under(30_000.0),
            Figure::new(
                format!("merge: a {k} into the laptop holding the other"),
                into_a_ms,
                "ms",
            )
            .against("the same rows copied plainly", raw_ms)
            .under(1_000.0),
            Figure::new(format!("merge: the same {k} again"), again_ms, "ms").under(100.0),
            Figure::new(format!("writing a {k}"), export_ms, "ms").under(10_000.0),
        ],
    );
}
