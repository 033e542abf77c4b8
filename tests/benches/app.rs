//! The app as a user starts it: the release `labinov` in the real window (tauri-driver and
//! WebKitWebDriver under Xvfb). Run by `make bench`, which builds the release binary first
//! and points `LABINOV_BIN` at it.
//!
//! - start to first paint: from the moment the `labinov` process starts (its start time
//!   in `/proc`) to the first screen drawn with its data (the UI's `labinov:first-screen`
//!   performance mark), on the demo lab; the median of `LABINOV_BENCH_STARTS` starts
//!   (default 5). The first start after a build reads the binary from disk; the rest find
//!   it in the page cache, as a laptop does after the first start of the day.
//! - idle memory: the proportional set size (PSS) of the whole process tree (`labinov`
//!   and the WebKit processes it starts), 10 s after the first paint, doing nothing;
//! - the board with 5,000 ideas: first paint and applying a filter;
//! - the size of the release binary (stripped by the release profile).
//!
//! Writes `target/bench-results/app.json`.

#[path = "../../crates/labinov-core/benches/common/mod.rs"]
mod common;

use std::time::Duration;

use common::{env_usize, write_results, Figure};
use labinov_tests::webdriver::{Display, Driver};
use labinov_tests::{board_speed, cli_ok, labinov_bin, procs};
use serde_json::json;

fn main() {
    let bin = labinov_bin();
    let starts = env_usize("LABINOV_BENCH_STARTS", 5).max(1);
    let display = Display::start();

    let mut start_ms = Vec::new();
    let mut idle = (0u64, 0u64, 0usize);
    for run in 0..starts {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("lab.db");
        cli_ok(&db, &["demo"]);
        let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
        let s = driver.session(&bin);
        s.wait_for(
            "the first screen",
            Duration::from_secs(60),
            "return performance.getEntriesByName('labinov:first-screen').length > 0",
        );
        let app = procs::find_app(&bin, &db, Duration::from_secs(10)).expect("the labinov process");
        let started = procs::started_at_epoch_ms(app).expect("the process's start time");
        let painted = s
            .script(
                "return performance.timeOrigin + performance.getEntriesByName('labinov:first-screen')[0].startTime",
                json!([]),
            )
            .as_f64()
            .unwrap();
        let took = painted - started;
        println!(
            "start {}: first screen painted {took:.0} ms after the process started",
            run + 1
        );
        start_ms.push(took);
        if run == 0 {
            std::thread::sleep(Duration::from_secs(10));
            let tree = procs::tree(app);
            let (rss, pss) = procs::memory_kib(&tree);
            idle = (rss, pss, tree.len());
            println!(
                "idle after 10 s: {} processes, PSS {:.0} MB, RSS {:.0} MB",
                tree.len(),
                pss as f64 / 1024.0,
                rss as f64 / 1024.0
            );
        }
        s.close();
    }
    start_ms.sort_by(f64::total_cmp);
    let median = start_ms[start_ms.len() / 2];

    let dir = tempfile::tempdir().unwrap();
    let db = board_speed::lab_of_5000(dir.path());
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&bin);
    let (board_paint, board_filter) = board_speed::measure(&s, false);
    s.close();
    println!(
        "board with 5,000 ideas: first paint {board_paint:.0} ms, filter {board_filter:.0} ms"
    );

    let size = std::fs::metadata(&bin).unwrap().len() as f64 / 1e6;
    println!("binary {}: {size:.1} MB", bin.display());

    write_results(
        "app",
        &[
            Figure::new(
                "board with 5,000 ideas in the webview: first paint",
                board_paint,
                "ms",
            )
            .under(2000.0),
            Figure::new(
                "board with 5,000 ideas in the webview: applying a filter",
                board_filter,
                "ms",
            )
            .under(200.0),
            Figure::new(
                format!("start to first paint, demo lab (median of {starts})"),
                median,
                "ms",
            )
            .under(3000.0),
            Figure::new(
                format!(
                    "idle memory, whole process tree ({} processes), PSS",
                    idle.2
                ),
                idle.1 as f64 / 1024.0,
                "MB",
            )
            .under(400.0),
            Figure::new("release binary size (stripped)", size, "MB").under(30.0),
        ],
    );
}
