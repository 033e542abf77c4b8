//! Board benchmark. Run: `cargo bench -p labinov-core --bench board` (or `make bench`).
//!
//! A lab of 5,000 live ideas (the demo's 50 plus generated ones with every board field
//! filled), then p50/p99 of:
//! - `Store::board_page`, the first page by agency (what the board asks first);
//! - one kanban column page (grouped by status, `group` set, offset 100);
//! - filters and a text search together (jenis + status + day + two words), with snippets;
//! - `Store::lab_stats`.
//!
//! `LABINOV_BENCH_DIR` chooses the disk (default: the system temp folder);
//! `LABINOV_BENCH_BOARD_IDEAS` the number of ideas (default 5000).

mod common;

use std::time::Instant;

use common::{bench_dir, env_usize, ms, percentile, write_results, Figure};
use labinov_core::{demo, BoardGrouping, BoardQuery, IdeaInput, Store};

/// Runs `f` `rounds` times; prints and returns the p99 in milliseconds.
fn measure(label: &str, rounds: usize, mut f: impl FnMut() -> usize) -> f64 {
    let mut samples = Vec::with_capacity(rounds);
    let mut size = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        size = std::hint::black_box(f());
        samples.push(t.elapsed());
    }
    let (p50, p99) = (
        percentile(&mut samples, 0.5),
        percentile(&mut samples, 0.99),
    );
    println!(
        "{label:<34} p50 {:>7.3} ms  p99 {:>7.3} ms   ({rounds} runs, {size} cards)",
        ms(p50),
        ms(p99)
    );
    ms(p99)
}

fn main() {
    let dir = bench_dir();
    let ideas = env_usize("LABINOV_BENCH_BOARD_IDEAS", 5_000);

    let store = Store::open(dir.path().join("board.db")).unwrap();
    let lab = demo::create_demo_lab(&store).unwrap();
    let agencies = store.list_agencies(&lab.id).unwrap();
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
        "pajak",
        "parkir",
        "arsip",
        "bansos",
        "pasar",
        "banjir",
        "jalan",
        "lansia",
        "stunting",
        "wisata",
        "umkm",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    let t = Instant::now();
    let batch: Vec<IdeaInput> = (50..ideas)
        .map(|i| {
            let pick = |n: usize| words[n % words.len()];
            let (a, b, c) = (next(), next(), next());
            IdeaInput {
                agency_id: agencies[i % agencies.len()].id.clone(),
                title: format!("{} {} {} {i}", pick(a), pick(b), pick(c)),
                proposer_name: format!("Pengusul {}", i % 97),
                problem: format!(
                    "Warga menunggu lama untuk {} dan {} di kelurahan.",
                    pick(b),
                    pick(c)
                ),
                description: format!(
                    "Pelayanan {} yang lebih cepat, dengan {} terpadu bagi warga.",
                    pick(a),
                    pick(c)
                ),
                lab_day: Some(1 + (i % 3) as u32),
                tahapan: ["inisiatif", "uji_coba", "penerapan"][a % 3].into(),
                jenis: ["digital", "non_digital"][b % 2].into(),
                bentuk: ["tata_kelola", "pelayanan_publik", "lainnya"][c % 3].into(),
                status: [
                    "captured",
                    "captured",
                    "shortlisted",
                    "reviewed",
                    "selected",
                ][a % 5]
                    .into(),
                tags: vec![pick(b).into(), format!("tag{}", i % 11)],
                ..Default::default()
            }
        })
        .collect();
    store.add_ideas(&lab.id, batch).unwrap();
    println!(
        "board lab                          {ideas} ideas built in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    let rounds = 200;
    // The board's first query: the columns and each one's first page of 30 (the UI's `PAGE`).
    let first = BoardQuery {
        per_column: 30,
        ..Default::default()
    };
    let page = measure(
        "board first screen (every column's first 30)",
        rounds,
        || store.board_page(&lab.id, &first).unwrap().cards.len(),
    );
    let column = BoardQuery {
        group_by: BoardGrouping::Status,
        group: Some("captured".into()),
        offset: 100,
        limit: 50,
        ..Default::default()
    };
    let col = measure("one column page (status, 50 cards)", rounds, || {
        store.board_page(&lab.id, &column).unwrap().cards.len()
    });
    let filtered = BoardQuery {
        group_by: BoardGrouping::Bentuk,
        jenis: vec!["digital".into()],
        status: vec!["captured".into(), "shortlisted".into()],
        lab_day: Some(2),
        text: "pelayanan sampah".into(),
        ..Default::default()
    };
    let filt = measure("filtered + text page (snippets)", rounds, || {
        store.board_page(&lab.id, &filtered).unwrap().cards.len()
    });
    let stats = measure("lab statistics", rounds, || {
        store.lab_stats(&lab.id).unwrap().per_agency.len()
    });
    let n = format!("{ideas} ideas");
    write_results(
        "board",
        &[
            Figure::new(
                format!("board's first screen, every column's first 30, {n} (core), p99"),
                page,
                "ms",
            )
            .under(50.0),
            Figure::new(
                format!("one board column page over {n} (core), p99"),
                col,
                "ms",
            )
            .under(50.0),
            Figure::new(
                format!("board filters + search over {n} (core), p99"),
                filt,
                "ms",
            )
            .under(50.0),
            Figure::new(format!("lab statistics over {n} (core), p99"), stats, "ms").under(50.0),
        ],
    );
}
