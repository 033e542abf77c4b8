//! Capture and search benchmark. Run: `cargo bench -p labinov-core --bench capture`
//! (or `make bench`). Prints its figures; rerun it to compare.
//!
//! - capture commit latency (p50, p99) of `Store::add_idea`, against a raw rusqlite
//!   INSERT + COMMIT with the same pragmas on the same disk in the same run;
//! - duplicate-hint search (`Store::similar_ideas`) latency (p50, p99) over 100,000 ideas.
//!
//! `LABINOV_BENCH_DIR` chooses the disk (default: the system temp folder);
//! `LABINOV_BENCH_IDEAS` the size of the search corpus (default 100000).

use std::time::{Duration, Instant};

use labinov_core::{demo, IdeaInput, Store};

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let base = std::env::var_os("LABINOV_BENCH_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let dir = tempfile::tempdir_in(base).unwrap();
    let corpus: usize = std::env::var("LABINOV_BENCH_IDEAS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
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
        "capture commit     p50 {:>12}  p99 {:>12}   ({rounds} ideas)",
        ms(c50),
        ms(c99)
    );
    println!(
        "raw insert+commit  p50 {:>12}  p99 {:>12}",
        ms(f50),
        ms(f99)
    );
    println!(
        "ratio              p50 {:>12.2}x p99 {:>12.2}x",
        c50.as_secs_f64() / f50.as_secs_f64(),
        c99.as_secs_f64() / f99.as_secs_f64()
    );

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
        "duplicate hint     p50 {:>12}  p99 {:>12}   ({} searches over {corpus} ideas)",
        ms(s50),
        ms(s99),
        search.len()
    );
}
