//! The app as a user starts it, beside its floor: the release `labinov` and an empty Tauri
//! app with the same Tauri and release profile (`bench/empty-app`), both in the real window
//! (tauri-driver and WebKitWebDriver under Xvfb), started alternately (empty, Labinov,
//! empty, Labinov ...) so a machine that slows down affects both alike. Run by `make bench`,
//! which builds both release binaries and points `LABINOV_BIN` and `LABINOV_EMPTY_APP_BIN`
//! at them.
//!
//! - start to first paint: from the moment the process starts (its start time in `/proc`)
//!   to the first screen drawn (the `labinov:first-screen` performance mark, which the empty
//!   app's page sets on its first frame too), Labinov on the demo lab; medians of
//!   `LABINOV_BENCH_STARTS` starts each (default 5). The first start after a build reads
//!   the binary from disk; the rest find it in the page cache, as a laptop does after the
//!   first start of the day.
//! - idle memory: the proportional set size (PSS) of the whole process tree (the app and
//!   the WebKit processes it starts), 10 s after the first paint, doing nothing; Labinov
//!   with a 500-idea lab open; the median of the first three starts of each;
//! - the board with 5,000 ideas: first paint and applying a filter;
//! - the size of both stripped release binaries.
//!
//! Writes `target/bench-results/app.json`.

#[path = "../../crates/labinov-core/benches/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{env_usize, write_results, Figure};
use labinov_tests::webdriver::{Display, Driver};
use labinov_tests::{board_speed, cli_ok, labinov_bin, procs, workspace_root};
use serde_json::json;

/// How many of the starts also measure the idle memory (10 s each).
const MEMORY_RUNS: usize = 3;

/// One app under measurement.
struct App {
    name: &'static str,
    bin: PathBuf,
    /// Makes the database the app opens in `dir` (the empty app opens none: the path only
    /// tells its process apart by its environment).
    prepare: fn(&Path) -> PathBuf,
    starts: Vec<f64>,
    pss_mib: Vec<f64>,
    processes: usize,
}

/// One start: the time to the first paint and, when asked, the idle PSS in MiB.
fn start_once(display: &Display, app: &mut App, memory: bool) {
    let dir = tempfile::tempdir().unwrap();
    let db = (app.prepare)(dir.path());
    let driver = Driver::start(display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&app.bin);
    s.wait_for(
        "the first screen",
        Duration::from_secs(60),
        "return performance.getEntriesByName('labinov:first-screen').length > 0",
    );
    let pid = procs::find_app(&app.bin, &db, Duration::from_secs(10)).expect("the app's process");
    let started = procs::started_at_epoch_ms(pid).expect("the process's start time");
    let painted = s
        .script(
            "return performance.timeOrigin + performance.getEntriesByName('labinov:first-screen')[0].startTime",
            json!([]),
        )
        .as_f64()
        .unwrap();
    let took = painted - started;
    app.starts.push(took);
    let mut line = format!(
        "{:<9} first paint {took:>5.0} ms after the process started",
        app.name
    );
    if memory {
        std::thread::sleep(Duration::from_secs(10));
        let tree = procs::tree(pid);
        let (_rss, pss) = procs::memory_kib(&tree);
        app.pss_mib.push(pss as f64 / 1024.0);
        app.processes = tree.len();
        line += &format!(
            ", idle after 10 s: PSS {:.0} MB over {} processes",
            pss as f64 / 1024.0,
            tree.len()
        );
    }
    println!("{line}");
    s.close();
}

fn median(values: &[f64]) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn size_mb(bin: &Path) -> f64 {
    std::fs::metadata(bin).unwrap().len() as f64 / 1e6
}

fn main() {
    let starts = env_usize("LABINOV_BENCH_STARTS", 5).max(MEMORY_RUNS);
    let empty_bin = std::env::var_os("LABINOV_EMPTY_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/release/labinov-empty-app"));
    assert!(
        empty_bin.exists(),
        "{} is missing: `cargo build --release -p labinov-empty-app` (make bench does)",
        empty_bin.display()
    );
    let mut empty = App {
        name: "empty app",
        bin: empty_bin,
        prepare: |dir| dir.join("none.db"),
        starts: Vec::new(),
        pss_mib: Vec::new(),
        processes: 0,
    };
    let mut labinov = App {
        name: "Labinov",
        bin: labinov_bin(),
        prepare: |dir| {
            let db = dir.join("lab.db");
            cli_ok(&db, &["demo"]);
            db
        },
        starts: Vec::new(),
        pss_mib: Vec::new(),
        processes: 0,
    };
    // Idle memory with a lab of 500 ideas open.
    let mut lab500 = App {
        name: "Labinov",
        bin: labinov_bin(),
        prepare: |dir| board_speed::lab_of(dir, 500),
        starts: Vec::new(),
        pss_mib: Vec::new(),
        processes: 0,
    };
    let display = Display::start();
    for run in 0..starts {
        start_once(&display, &mut empty, run < MEMORY_RUNS);
        start_once(&display, &mut labinov, false);
        if run < MEMORY_RUNS {
            start_once(&display, &mut lab500, true);
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let db = board_speed::lab_of_5000(dir.path());
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov.bin);
    let (board_paint, board_filter) = board_speed::measure(&s, false);
    s.close();
    println!(
        "board with 5,000 ideas: first paint {board_paint:.0} ms, filter {board_filter:.0} ms"
    );

    let (size, empty_size) = (size_mb(&labinov.bin), size_mb(&empty.bin));
    println!("binaries: Labinov {size:.1} MB, empty app {empty_size:.1} MB");

    write_results(
        "app",
        &[
            Figure::new(
                format!("start to first paint, demo lab (median of {starts})"),
                median(&labinov.starts),
                "ms",
            )
            .against("empty Tauri app", median(&empty.starts))
            .ratio_at_most(1.3),
            Figure::new(
                format!(
                    "idle memory, 500-idea lab, process tree ({} processes), PSS",
                    lab500.processes
                ),
                median(&lab500.pss_mib),
                "MB",
            )
            .against(
                format!("empty Tauri app, {} processes", empty.processes),
                median(&empty.pss_mib),
            )
            .ratio_at_most(1.2),
            Figure::new("release binary size (stripped)", size, "MB")
                .against("empty Tauri app", empty_size)
                .ratio_at_most(1.6),
            Figure::new(
                "board with 5,000 ideas in the webview: first paint",
                board_paint,
                "ms",
            )
            .under(300.0),
            Figure::new(
                "board with 5,000 ideas in the webview: applying a filter",
                board_filter,
                "ms",
            )
            .under(50.0),
        ],
    );
}
