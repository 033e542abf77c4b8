//! The board's speed in the real webview with 5,000 ideas: the lab it is measured on and
//! the measurement itself, shared by the e2e test (`tests/it/show.rs`, debug build) and
//! `make bench` (`benches/app.rs`, release build).

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::json;

use crate::cli_ok;
use crate::webdriver::{keys, Session};

/// Creates `DIR/lab.db`: the demo lab and 4,950 imported ideas over eight agencies, three
/// lab days and two forms of innovation. Returns the database's path.
pub fn lab_of_5000(dir: &Path) -> PathBuf {
    lab_of(dir, 5000)
}

/// Creates `DIR/lab.db`: the demo lab (50 ideas) and `ideas - 50` imported ones over eight
/// agencies, three lab days and two forms of innovation. Returns the database's path.
pub fn lab_of(dir: &Path, ideas: usize) -> PathBuf {
    let db = dir.join("lab.db");
    cli_ok(&db, &["demo"]);
    let codes = [
        "DINKES",
        "DINSOS",
        "DINDIKBUD",
        "DLH",
        "DPUPR",
        "DISHUB",
        "DISKOMINFO",
        "DPMPTSP",
    ];
    let words = [
        "Layanan",
        "Posyandu",
        "Digital",
        "Sampah",
        "Antrean",
        "Perizinan",
        "Lansia",
        "Sekolah",
        "Pasar",
        "Air",
    ];
    let mut text = String::from("opd,nama inovasi,bentuk,hari\n");
    for i in 0..ideas.saturating_sub(50) {
        let title = format!(
            "{} {} {} {i}",
            words[i % words.len()],
            words[(i / 7) % words.len()],
            words[(i / 49) % words.len()]
        );
        let bentuk = if i % 3 == 0 {
            "tata_kelola"
        } else {
            "pelayanan_publik"
        };
        text.push_str(&format!(
            "{},{title},{bentuk},{}\n",
            codes[i % codes.len()],
            1 + i % 3
        ));
    }
    let csv = dir.join("ide.csv");
    std::fs::write(&csv, text).unwrap();
    cli_ok(&db, &["import-ideas", csv.to_str().unwrap()]);
    db
}

const PAINTED: &str = "labinov:board-painted";

/// From the capture screen: opens the board (Alt+2) and applies a filter, and returns
/// (first paint, filter) in milliseconds, from the key press or the filter change to the
/// board's `labinov:board-painted` performance mark. With `shots`, screenshots
/// 40-board-5000 and 41-board-5000-filtered.
pub fn measure(s: &Session<'_>, shots: bool) -> (f64, f64) {
    s.set_window_size(1280, 800);
    s.wait_for_screen("capture");
    let count = format!("return performance.getEntriesByName('{PAINTED}').length");
    s.script("window.__t0 = performance.now(); return null", json!([]));
    s.chord(&[keys::ALT], '2');
    s.wait_for(
        "the board's first paint",
        Duration::from_secs(30),
        &format!("return performance.getEntriesByName('{PAINTED}').length > 0"),
    );
    let first_paint = s.script(
        &format!("return performance.getEntriesByName('{PAINTED}')[0].startTime - window.__t0"),
        json!([]),
    );
    if shots {
        s.screenshot("40-board-5000");
    }
    let painted_before = s.script(&count, json!([])).as_u64().unwrap();
    s.script(
        "window.__t1 = performance.now();
         const f = document.querySelector('[data-testid=filter-bentuk]');
         f.value = 'tata_kelola'; f.dispatchEvent(new Event('change', {bubbles: true})); return null",
        json!([]),
    );
    s.wait_for(
        "the filtered board",
        Duration::from_secs(30),
        &format!("return performance.getEntriesByName('{PAINTED}').length > {painted_before}"),
    );
    let filter = s.script(
        &format!(
            "const m = performance.getEntriesByName('{PAINTED}'); return m[m.length - 1].startTime - window.__t1"
        ),
        json!([]),
    );
    if shots {
        s.screenshot("41-board-5000-filtered");
    }
    (first_paint.as_f64().unwrap(), filter.as_f64().unwrap())
}
