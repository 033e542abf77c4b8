//! Capture and search benchmark. Run: `cargo bench -p labinov-core --bench capture`
//! (or `make bench`). Prints its figures; rerun it to compare.
//!
//! - capture commit latency (p50, p99) of `Store::add_idea`, against a raw rusqlite
//!   INSERT + COMMIT with the same pragmas on the same disk in the same run;
//! - duplicate-hint search (`Store::similar_ideas`) latency (p50, p99) over 100,000 ideas.
//!
//! `LABINOV_BENCH_DIR` chooses the disk (default: the system temp folder);
//! `LABINOV_BENCH_IDEAS` the size of the search corpus (default 100000).

mod common;

use std::time::Instant;

use common::{bench_dir, env_usize, ms, percentile, write_results, Figure};
use labinov_core::{demo, IdeaInput, Store};

fn main() {
    let dir = bench_dir();
    let corpus = env_usize("LABINOV_BENCH_IDEAS", 100_000);
    let rounds = 500;

    // Capture through the store.
    let store = Store::open(dir.path().join("bench.db")).unwrap();
    let lab = demo::create_demo_lab(&store).unwrap();
    let agencies = store.list_agencies(&lab.id).unwrap();
    let mut capture = Vec::with_capacity(rounds);
    for i in 0..rounds {
        let input = IdeaInput {
            agency_id: agencies[i % agencies.len()].id.clone(),
            title: format!("Layanan terpadu nomor {i}"),
            problem: "Warga antre lama untuk layanan administrasi.".into(),
            description: "Satu loket, satu formulir, pemberitahuan lewat pesan singkat.".into(),
            ..Default::default()
        };
        let t = Instant::now();
        store.add_idea(&lab.id, input).unwrap();
        capture.push(t.elapsed());
    }

    // The floor: a raw insert + commit, same pragmas, same disk.
    let raw = rusqlite::Connection::open(dir.path().join("raw.db")).unwrap();
    raw.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE t (id TEXT PRIMARY KEY, title TEXT, body TEXT);",
    )
    .unwrap();
    let mut floor = Vec::with_capacity(rounds);
    for i in 0..rounds {
        let t = Instant::now();
        raw.execute_batch("BEGIN IMMEDIATE").unwrap();
        raw.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3)",
            (format!("{i:08}"), "Layanan terpadu", "Warga antre lama."),
        )
        .unwrap();
        raw.execute_batch("COMMIT").unwrap();
        floor.push(t.elapsed());
    }

    let (c50, c99) = (
        percentile(&mut capture, 0.5),
        percentile(&mut capture, 0.99),
    );
    let (f50, f99) = (percentile(&mut floor, 0.5), percentile(&mut floor, 0.99));
    println!(
        "capture commit     p50 {:>9.3} ms  p99 {:>9.3} ms   ({rounds} ideas)",
        ms(c50),
        ms(c99)
    );
    println!(
        "raw insert+commit  p50 {:>9.3} ms  p99 {:>9.3} ms",
        ms(f50),
        ms(f99)
    );
    let (r50, r99) = (ms(c50) / ms(f50), ms(c99) / ms(f99));
    println!("ratio              p50 {r50:>9.2}x     p99 {r99:>9.2}x");

    // A large lab for the duplicate hint.
    let words = [
        "layanan",
        "antrean",
        "digital",
        "posyandu",
        "sampah",
        "perizinan",
        "pendaftaran",
        "sekolah",
        "kesehatan",
        "ambulans",
        "pajak",
        "parkir",
        "arsip",
        "perpustakaan",
        "bansos",
        "disabilitas",
        "pasar",
        "harga",
        "banjir",
        "jalan",
        "air",
        "lansia",
        "stunting",
        "wisata",
        "pemuda",
        "umkm",
    ];
    let t = Instant::now();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let existing = rounds + 50;
    let mut batch = Vec::new();
    for i in existing..corpus {
        let title: Vec<&str> = (0..4)
            .map(|_| words[next() as usize % words.len()])
            .collect();
        batch.push(IdeaInput {
            agency_id: agencies[i % agencies.len()].id.clone(),
            title: format!("{} {i}", title.join(" ")),
            description: format!(
                "Pelayanan {} yang lebih cepat bagi warga.",
                words[next() as usize % words.len()]
            ),
            ..Default::default()
        });
        if batch.len() == 5_000 {
            store
                .add_ideas(&lab.id, std::mem::take(&mut batch))
                .unwrap();
        }
    }
    store.add_ideas(&lab.id, batch).unwrap();
    println!(
        "corpus             {corpus} ideas built in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let queries = [
        "pelayanan antrean puskesmas",
        "pendaftaran sekolah daring",
        "bank sampah digital",
        "parkir",
        "layanan lansia terpadu",
        "izin usaha mikro",
    ];
    let mut search = Vec::new();
    for _ in 0..50 {
        for q in queries {
            let t = Instant::now();
            let hits = store.similar_ideas(&lab.id, q, None, 5).unwrap();
            search.push(t.elapsed());
            std::hint::black_box(hits);
        }
    }
    let (s50, s99) = (percentile(&mut search, 0.5), percentile(&mut search, 0.99));
    println!(
        "duplicate hint     p50 {:>9.3} ms  p99 {:>9.3} ms   ({} searches over {corpus} ideas)",
        ms(s50),
        ms(s99),
        search.len()
    );

    write_results(
        "capture",
        &[
            Figure::new("saving a captured idea, p50", ms(c50), "ms"),
            Figure::new("saving a captured idea, p99", ms(c99), "ms"),
            Figure::new("raw SQLite insert + commit (same disk), p50", ms(f50), "ms"),
            Figure::new("capture / raw insert, p50", r50, "x")
                .under(2.0)
                .goal("within 2x a raw SQLite insert + commit"),
            Figure::new(
                format!("duplicate-hint search over {corpus} ideas, p99"),
                ms(s99),
                "ms",
            )
            .under(250.0)
            .goal("under the 250 ms typing pause"),
        ],
    );
}
