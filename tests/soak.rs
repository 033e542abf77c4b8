//! A long session in the real window: a lab of 500 ideas, capture and board use driven by
//! WebDriver in a loop, and the resident memory of the app's whole process tree (the
//! `labinov` process and the WebKit processes it starts) sampled as it goes.
//!
//! `LABINOV_SOAK_SECONDS` sets the length (default 150 s, what `make test` runs;
//! `make soak` runs an hour), `LABINOV_SOAK_SAMPLE` the seconds between samples (default
//! 10). The figures go to standard error and to `target/bench-results/soak.json`; the
//! samples to `target/e2e-screenshots/soak-memory.csv`.
//!
//! What must hold: every capture is saved and shows on the board, and the tree's memory
//! (PSS) at the end is within `LABINOV_SOAK_MAX_GROWTH_MB` (default 150 MB) of the first
//! sample taken after the warm-up (`LABINOV_SOAK_WARMUP`, default 30 s: the board, the
//! capture screen and the search have been drawn several times, and the webview's caches
//! filled; its first rounds add some 100 MB that then stay flat).

#[path = "../crates/labinov-core/benches/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{write_results, Figure};

use labinov_tests::webdriver::{keys, skip_requested, Display, Driver, Session};
use labinov_tests::{cli_ok, labinov_bin, procs};
use serde_json::json;

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn capture(s: &Session<'_>, title: &str) {
    s.chord(&[keys::ALT], '1');
    s.wait_for_screen("capture");
    s.chord(&[keys::CONTROL], 'n');
    s.wait_for(
        "the agency picker to have the focus",
        Duration::from_secs(10),
        "return document.activeElement?.dataset.testid === 'agency-picker'",
    );
    // The picker keeps the last agency chosen: select it, so typing replaces it.
    s.chord(&[keys::CONTROL], 'a');
    s.keys("dinkes");
    s.wait_for(
        "agency options",
        Duration::from_secs(10),
        "return document.querySelectorAll('[data-testid=agency-option]').length > 0",
    );
    s.keys(&format!("{}{}", keys::ENTER, keys::TAB));
    s.wait_for(
        "the title field to have the focus",
        Duration::from_secs(10),
        "return document.activeElement?.dataset.testid === 'idea-title'",
    );
    s.keys(title);
    s.keys(&format!(
        "{}Rina{}Staf{}Warga menunggu lama di loket; pelayanan perlu dipercepat.",
        keys::TAB,
        keys::TAB,
        keys::TAB
    ));
    s.chord(&[keys::CONTROL], keys::ENTER);
    s.wait_for(
        "the saved idea in the latest ideas",
        Duration::from_secs(15),
        &format!(
            "return [...document.querySelectorAll('[data-testid=latest-idea]')]
               .some(e => e.textContent.includes({title:?}))"
        ),
    );
}

fn use_board(s: &Session<'_>, round: u64, expected: u64) {
    s.chord(&[keys::ALT], '2');
    s.wait_for_screen("board");
    s.wait_for(
        "the board's count",
        Duration::from_secs(15),
        &format!(
            "return document.querySelector('[data-testid=board-count]')?.textContent.includes('{expected}')"
        ),
    );
    // Search, scroll a column, clear: what a facilitator does while ideas come in.
    let word = ["layanan", "posyandu", "digital", "antrian", "sampah"][(round % 5) as usize];
    s.script(
        "const i = document.querySelector('[data-testid=board-search]');
         const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
         set.call(i, arguments[0]); i.dispatchEvent(new Event('input', {bubbles: true}));
         return null",
        json!([word]),
    );
    std::thread::sleep(Duration::from_millis(600));
    s.script(
        "document.querySelectorAll('[data-testid=board-group]').forEach(g => {
           const c = g.querySelector('[data-scroll]') || g; c.scrollTop = c.scrollHeight; });
         return null",
        json!([]),
    );
    std::thread::sleep(Duration::from_millis(300));
    s.script(
        "const i = document.querySelector('[data-testid=board-search]');
         const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
         set.call(i, ''); i.dispatchEvent(new Event('input', {bubbles: true}));
         return null",
        json!([]),
    );
    s.wait_for(
        "the board without a search",
        Duration::from_secs(15),
        "return document.querySelectorAll('[data-testid=board-idea]').length > 0",
    );
}

#[test]
fn an_hour_of_capture_and_board_use_keeps_memory_flat() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let seconds = env_u64("LABINOV_SOAK_SECONDS", 150);
    let every = Duration::from_secs(env_u64("LABINOV_SOAK_SAMPLE", 10));
    let max_growth_mb = env_u64("LABINOV_SOAK_MAX_GROWTH_MB", 150) as f64;
    let warm_up = Duration::from_secs(env_u64("LABINOV_SOAK_WARMUP", 30));

    // A 500-idea lab: the demo's 50 and 450 imported.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    cli_ok(&db, &["demo"]);
    let mut csv = String::from("opd,nama inovasi,masalah,hari\n");
    let codes = ["DINKES", "DINSOS", "DISHUB", "DLH", "DPMPTSP", "DISKOMINFO"];
    let words = [
        "Layanan", "Posyandu", "Digital", "Antrian", "Sampah", "Pasar",
    ];
    for i in 0..450 {
        csv.push_str(&format!(
            "{},{} {} {i},Masalah warga nomor {i},{}\n",
            codes[i % codes.len()],
            words[i % words.len()],
            words[(i / 6) % words.len()],
            1 + i % 3
        ));
    }
    let file = dir.path().join("ide.csv");
    std::fs::write(&file, csv).unwrap();
    cli_ok(&db, &["import-ideas", file.to_str().unwrap()]);

    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov_bin());
    s.set_window_size(1280, 800);
    s.wait_for_screen("capture");
    let app =
        procs::find_app(&labinov_bin(), &db, Duration::from_secs(10)).expect("the labinov process");

    let start = Instant::now();
    let mut samples: Vec<(f64, u64, u64, usize)> = Vec::new(); // (s, rss KiB, pss KiB, procs)
    let mut next_sample = Instant::now();
    let mut baseline: Option<usize> = None;
    let mut round = 0u64;
    let mut ideas = 500u64;
    while start.elapsed() < Duration::from_secs(seconds) || baseline.is_none() {
        round += 1;
        capture(&s, &format!("Soak {round}: layanan antrian daring"));
        ideas += 1;
        use_board(&s, round, ideas);
        if Instant::now() >= next_sample {
            let tree = procs::tree(app);
            let each: Vec<(u64, u64)> = tree
                .iter()
                .map(|p| procs::memory_kib(std::slice::from_ref(p)))
                .collect();
            let (rss, pss) = each
                .iter()
                .fold((0, 0), |(r, p), (er, ep)| (r + er, p + ep));
            samples.push((start.elapsed().as_secs_f64(), rss, pss, tree.len()));
            eprintln!(
                "soak: {:>4.0} s, round {round}: {}",
                start.elapsed().as_secs_f64(),
                tree.iter()
                    .zip(&each)
                    .map(|(p, m)| format!("{} {:.0} MB", p.name, m.1 as f64 / 1024.0))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if baseline.is_none() && start.elapsed() >= warm_up {
                baseline = Some(samples.len() - 1);
                eprintln!(
                    "soak: process tree {:?}",
                    tree.iter().map(|p| &p.name).collect::<Vec<_>>()
                );
            }
            next_sample = Instant::now() + every;
        }
    }
    let tree = procs::tree(app);
    let (rss, pss) = procs::memory_kib(&tree);
    samples.push((start.elapsed().as_secs_f64(), rss, pss, tree.len()));
    s.screenshot("50-soak-end");
    s.close();

    let mb = |kib: u64| kib as f64 / 1024.0;
    let first = samples[baseline.unwrap()];
    let last = *samples.last().unwrap();
    let peak = samples.iter().map(|s| s.2).max().unwrap();
    // Least-squares slope of PSS over time after the warm-up, in MB per hour.
    let pts: Vec<(f64, f64)> = samples[baseline.unwrap()..]
        .iter()
        .map(|s| (s.0, mb(s.2)))
        .collect();
    let n = pts.len() as f64;
    let (mx, my) = (
        pts.iter().map(|p| p.0).sum::<f64>() / n,
        pts.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let var: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let slope = if var > 0.0 {
        pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum::<f64>() / var * 3600.0
    } else {
        0.0
    };
    let growth = mb(last.2) - mb(first.2);
    let summary = format!(
        "soak: {:.0} s, {round} rounds (capture + board search), {} ideas at the end, {} samples; \
         process tree PSS {:.0} MB after warm-up -> {:.0} MB at the end (growth {growth:+.0} MB, \
         peak {:.0} MB, trend {slope:+.0} MB/h); RSS {:.0} -> {:.0} MB; {} processes",
        last.0,
        ideas,
        samples.len(),
        mb(first.2),
        mb(last.2),
        mb(peak),
        mb(first.1),
        mb(last.1),
        last.3
    );
    eprintln!("{summary}");
    let artifacts = labinov_tests::artifacts_dir();
    std::fs::create_dir_all(&artifacts).unwrap();
    let mut table = String::from("seconds,rss_kib,pss_kib,processes\n");
    for (t, r, p, n) in &samples {
        table.push_str(&format!("{t:.1},{r},{p},{n}\n"));
    }
    std::fs::write(artifacts.join("soak-memory.csv"), table).unwrap();
    write_results(
        "soak",
        &[Figure::new(
            format!(
                "memory growth over a {:.0}-minute session (capture + board), whole process tree PSS",
                last.0 / 60.0
            ),
            growth,
            "MB",
        )
        // The goal of a session held near 500 ideas (issue 13); the test's own bound
        // (`LABINOV_SOAK_MAX_GROWTH_MB`) stays looser, a guard against leaks in make test.
        .under(20.0)],
    );
    assert!(
        growth < max_growth_mb,
        "memory grew {growth:.0} MB in {:.0} s: {summary}",
        last.0
    );
}
