//! The Arsip screen in the real window (issue 15), at 1366×768 and 1920×1080: a seeded
//! archive of twenty labs, the overview of each agency per year, a search across every
//! lab, and an idea carried forward into the newest lab. Screenshots `75-archive-*.png` in
//! `target/e2e-screenshots/` to look at.

use std::time::Duration;

use labinov_tests::webdriver::{skip_requested, Display, Driver};
use labinov_tests::{cli_ok, labinov_bin};

#[test]
fn the_archive_of_twenty_labs_in_the_window() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("archive.db");
    cli_ok(
        &db,
        &[
            "demo-archive",
            "--labs",
            "20",
            "--ideas",
            "40",
            "--seed",
            "3",
        ],
    );
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov_bin());
    for (w, h) in [(1366, 768), (1920, 1080)] {
        s.set_window_size(w, h);
        // No lab was opened yet: the list of labs, with the way to the archive.
        s.wait_for_screen("labs");
        s.click(&s.by_testid("open-archive"));
        s.wait_for_screen("archive");
        s.wait_for(
            "the first page of ideas",
            Duration::from_secs(10),
            "return document.querySelectorAll('[data-testid=archive-item]').length === 50",
        );
        // Thirty-seven agencies: the table starts folded, the search in view; open it.
        s.click(&s.find("[data-testid=archive-years-box] > summary"));
        let years = s.text(&s.by_testid("archive-years"));
        assert!(years.contains("2007") && years.contains("2026"), "{years}");
        std::thread::sleep(Duration::from_millis(300));
        s.screenshot(&format!("75-archive-{w}-01-overview"));

        s.type_into(&s.by_testid("archive-search"), "posyandu");
        s.wait_for(
            "only ideas with the word",
            Duration::from_secs(10),
            "const items = [...document.querySelectorAll('[data-testid=archive-item]')];
             return items.length > 0 && items.every(i => /posyandu/i.test(i.textContent));",
        );
        std::thread::sleep(Duration::from_millis(300));
        s.screenshot(&format!("75-archive-{w}-02-search"));
        // Esc: back to the labs (the next size starts there).
        s.keys(&labinov_tests::webdriver::keys::ESCAPE.to_string());
    }

    // Carry a 2025 idea into the 2026 lab from the archive.
    s.wait_for_screen("labs");
    s.click(&s.by_testid("open-archive"));
    s.wait_for_screen("archive");
    s.wait_for(
        "the year filter",
        Duration::from_secs(10),
        "return !!document.querySelector('[data-testid=archive-year]')",
    );
    s.script(
        "const sel = document.querySelector('[data-testid=archive-year]');
         sel.value = '2025'; sel.dispatchEvent(new Event('change', {bubbles: true}));",
        serde_json::json!([]),
    );
    s.wait_for(
        "the 2025 ideas",
        Duration::from_secs(10),
        "const items = [...document.querySelectorAll('[data-testid=archive-item]')];
         return items.length > 0 && items.every(i => i.textContent.includes('(2025)'));",
    );
    s.click(&s.by_testid("archive-carry"));
    s.click(&s.by_testid("archive-carry-confirm"));
    s.wait_for(
        "the carried-forward message",
        Duration::from_secs(10),
        "return document.querySelector('[role=status]')?.textContent.includes('2026')",
    );
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot("75-archive-03-carried");
    let summary = cli_ok(&db, &["archive", "--summary", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&summary).unwrap();
    // 40 a lab, 2 carried into each of the 19 later labs by the seed, and this one.
    assert_eq!(v["ideas"], 20 * 40 + 19 * 2 + 1);
}
