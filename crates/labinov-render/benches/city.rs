//! The city's gallery over the archive. Run: `cargo bench -p labinov-render --bench city`
//! (or `make bench`).
//!
//! The archive of 20 labs × 500 ideas (10,000 ideas, `demo::create_demo_archive`, as the
//! archive benchmark), then, three times each and interleaved with the baseline (A B A B
//! A B, medians quoted):
//! - the city's gallery exported as a user does (`export_city_gallery`: a snapshot, each
//!   lab's gallery read and rendered, every file written, synced, read back and compared,
//!   renamed, `SHA256SUMS`);
//! - the baseline: the same files written plainly to the same disk (`std::fs::write`, no
//!   sync, no read-back), the floor for that many files.
//!
//! Also once: reading the galleries from a snapshot, and rendering the site in memory.
//! The goal is the export's (issue 15: the archive's gallery stays within the export's
//! goal, 10,000 ideas in under 4 s). `LABINOV_BENCH_DIR` chooses the disk;
//! `LABINOV_BENCH_ARCHIVE_LABS` and `LABINOV_BENCH_ARCHIVE_IDEAS` the size.

use std::path::Path;
use std::time::Instant;

use labinov_core::export::Lang;
use labinov_render::{export_city_gallery, gallery};

#[path = "../../labinov-core/benches/common/mod.rs"]
mod common;

use common::{bench_dir, demo_archive, write_results, Figure};

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let dir = bench_dir();
    let (store, labs, total) = demo_archive(dir.path());

    let t = Instant::now();
    let archive = store.archive_gallery(&[], Lang::Id).unwrap();
    let read = ms(t);
    let t = Instant::now();
    let files = gallery::city_site(&archive).unwrap();
    let render = ms(t);
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "read every lab's gallery    {read:>8.0} ms\nrender the site             {render:>8.0} ms   ({} files, {:.1} MB)",
        files.len(),
        bytes as f64 / 1e6
    );

    let out = dir.path().join("stick");
    std::fs::create_dir(&out).unwrap();
    let (mut whole, mut plain) = (Vec::new(), Vec::new());
    for round in 0..3 {
        let t = Instant::now();
        let report = export_city_gallery(&store, &[], &out, Lang::Id, &mut |_| {}).unwrap();
        whole.push(ms(t));
        assert_eq!(
            report.files.len(),
            files.len() + 1,
            "the site and SHA256SUMS"
        );
        // Every round's files stay until the end: ext4 does not hand out again an inode
        // freed in the last minutes, and creating a file past thousands of them is slow
        // (`perf` over the export benchmark: `find_inode_bit` and `recently_deleted` under
        // `ext4_create`). With each round's files removed after it, the rounds after the
        // first took 2-2.5x as long (plain write 5.1 s, then 12.7 and 12.3 s).
        let t = Instant::now();
        let base = out.join(format!("plain-{round}"));
        write_plainly(&base, &files);
        plain.push(ms(t));
        println!(
            "round {round}: export {:>8.0} ms   plain write {:>6.0} ms",
            whole[round], plain[round]
        );
    }
    let (whole, plain) = (median(whole), median(plain));
    println!("city gallery export (median) {whole:.0} ms, plain write of its files {plain:.0} ms");
    let n = format!("{labs} labs, {total} ideas");
    write_results(
        "city",
        &[
            Figure::new(
                format!("city gallery: read every lab's gallery, {n}"),
                read,
                "ms",
            )
            .goal("(part of the export)"),
            Figure::new(format!("city gallery: render the site, {n}"), render, "ms")
                .goal("(part of the export)"),
            Figure::new(
                format!(
                    "city gallery export over {n}, {} files written, synced, verified (median of 3)",
                    files.len() + 1
                ),
                whole,
                "ms",
            )
            .against("the same files written plainly (no sync, no read-back)", plain)
            .under(4000.0),
        ],
    );
}

fn write_plainly(base: &Path, files: &[gallery::File]) {
    for f in files {
        let path = base.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.bytes).unwrap();
    }
}
