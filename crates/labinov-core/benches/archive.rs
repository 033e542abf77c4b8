//! Archive benchmark. Run: `cargo bench -p labinov-core --bench archive` (or `make bench`).
//!
//! The city's archive of 20 labs × 500 ideas (10,000 ideas, `demo::create_demo_archive`,
//! one idea in twenty carried forward each year), then p50/p99 of what the archive screen
//! asks: its overview (`archive_summary`: every agency's ideas per year), the first page of
//! every lab's ideas, a page filtered by year and stage, and a search over every lab. The
//! goal is the board's (a page in under 50 ms in the core).
//!
//! `LABINOV_BENCH_DIR` chooses the disk; `LABINOV_BENCH_ARCHIVE_LABS` and
//! `LABINOV_BENCH_ARCHIVE_IDEAS` the size (default 20 and 500).

mod common;

use std::time::Instant;

use common::{bench_dir, demo_archive, ms, percentile, write_results, Figure};
use labinov_core::ArchiveQuery;

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
        "{label:<34} p50 {:>7.3} ms  p99 {:>7.3} ms   ({rounds} runs, {size} rows)",
        ms(p50),
        ms(p99)
    );
    ms(p99)
}

fn main() {
    let dir = bench_dir();
    let (store, labs, total) = demo_archive(dir.path());

    let rounds = 200;
    let summary = measure("archive overview (agencies × years)", rounds, || {
        store.archive_summary().unwrap().agencies.len()
    });
    let first = ArchiveQuery {
        limit: 50,
        ..Default::default()
    };
    let page = measure("archive first page (50 ideas)", rounds, || {
        store.archive_page(&first).unwrap().items.len()
    });
    let filtered = ArchiveQuery {
        years: vec![2019, 2020, 2021],
        tahapan: vec!["penerapan".into()],
        limit: 50,
        ..Default::default()
    };
    let filt = measure("archive years + stage filter", rounds, || {
        store.archive_page(&filtered).unwrap().items.len()
    });
    let search = ArchiveQuery {
        text: "posyandu".into(),
        limit: 50,
        ..Default::default()
    };
    let found = measure("archive search over every lab", rounds, || {
        store.archive_page(&search).unwrap().items.len()
    });
    let n = format!("{labs} labs, {total} ideas");
    write_results(
        "archive",
        &[
            Figure::new(
                format!("archive overview over {n} (core), p99"),
                summary,
                "ms",
            )
            .under(50.0),
            Figure::new(
                format!("archive first page over {n} (core), p99"),
                page,
                "ms",
            )
            .under(50.0),
            Figure::new(format!("archive filters over {n} (core), p99"), filt, "ms").under(50.0),
            Figure::new(format!("archive search over {n} (core), p99"), found, "ms").under(50.0),
        ],
    );
}
