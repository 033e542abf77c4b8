//! Review in the real window: a reviewer scores one idea with the keyboard only.

use std::time::Duration;

use labinov_tests::webdriver::{keys, skip_requested, Display, Driver};
use labinov_tests::{cli_ok, labinov_bin};

#[test]
fn keyboard_only_scoring_of_one_idea() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    cli_ok(&db, &["demo"]);
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov_bin());
    s.set_window_size(1280, 800);
    s.wait_for_screen("capture");
    s.wait_for(
        "the agency picker to have the focus",
        Duration::from_secs(10),
        "return document.activeElement?.dataset.testid === 'agency-picker'",
    );
    s.chord(&[keys::ALT], '6');
    s.wait_for_screen("review");

    // The demo's reviewer, chosen by typing into the list.
    s.type_into(&s.by_testid("review-reviewer"), "Prof");
    s.wait_for(
        "the idea to review",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=review-idea-title]') !== null",
    );
    let title = s.text(&s.by_testid("review-idea-title"));
    // Tab to the first criterion, then digits score it and move on; Ctrl+Enter submits.
    s.keys(&format!("{}{}{}", keys::TAB, keys::TAB, keys::TAB));
    s.wait_for(
        "the first criterion's buttons to have the focus",
        Duration::from_secs(10),
        "return document.activeElement?.closest('[data-testid=review-criterion]') !== null",
    );
    s.keys("45345");
    s.wait_for(
        "the total",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=review-total]')?.textContent.includes('84')",
    );
    s.screenshot("50-review-scored");
    s.chord(&[keys::CONTROL], keys::ENTER);
    s.wait_for(
        "the review submitted",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=review-status]')?.textContent.length > 0",
    );
    s.wait_for(
        "the idea first in the ranking",
        Duration::from_secs(10),
        &format!(
            "const li = document.querySelector('[data-testid=ranking] li'); return !!li && li.textContent.includes('#1') && li.textContent.includes({title:?})"
        ),
    );
    s.screenshot("51-review-ranking");
    s.close();
}
