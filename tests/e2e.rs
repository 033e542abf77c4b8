//! End-to-end tests in the real window: the `labinov` binary driven through tauri-driver
//! and WebKitWebDriver on a virtual display. Screenshots land in `target/e2e-screenshots/`.

use std::time::Duration;

use labinov_tests::labinov_bin;
use labinov_tests::webdriver::{keys, skip_requested, Display, Driver};

/// A facilitator opens the app on an empty database, opens the demo lab, captures an idea
/// with the keyboard only, sees it on the board, closes the app, opens it again, and the
/// idea is still there.
#[test]
fn keyboard_capture_survives_a_restart() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let app = labinov_bin();
    let title = "Layanan Ambulans Gratis 24 Jam (SIAGA 112)";

    {
        let s = driver.session(&app);
        s.set_window_size(1280, 800);
        s.wait_for_screen("welcome");
        s.screenshot("01-welcome");
        s.click(&s.by_testid("open-demo"));
        s.wait_for_screen("capture");

        // Keyboard only from here: Ctrl+N for a new idea, the agency picker, Tab, Ctrl+Enter.
        s.chord(&[keys::CONTROL], 'n');
        s.wait_for(
            "the agency picker to have the focus",
            Duration::from_secs(10),
            "return document.activeElement?.dataset.testid === 'agency-picker'",
        );
        s.keys("dinkes");
        s.wait_for(
            "agency options",
            Duration::from_secs(10),
            "return document.querySelectorAll('[data-testid=agency-option]').length > 0",
        );
        s.keys(&keys::ENTER.to_string());
        s.keys(&keys::TAB.to_string());
        s.wait_for(
            "the title field to have the focus",
            Duration::from_secs(10),
            "return document.activeElement?.dataset.testid === 'idea-title'",
        );
        s.keys(title);
        s.keys(&format!("{}dr. Sari Wulandari", keys::TAB));
        s.keys(&format!("{}Kepala Dinas Kesehatan", keys::TAB));
        s.keys(&format!(
            "{}Ambulans datang terlambat ke permukiman padat.",
            keys::TAB
        ));
        s.screenshot("02-capture-filled");
        s.chord(&[keys::CONTROL], keys::ENTER);
        s.wait_for(
            "the saved idea in the latest ideas",
            Duration::from_secs(10),
            &format!(
                "return [...document.querySelectorAll('[data-testid=latest-idea]')]
                   .some(e => e.textContent.includes({title:?}))"
            ),
        );
        let status = s.text(&s.by_testid("save-status"));
        assert!(status.contains(title), "save status: {status:?}");
        s.screenshot("03-capture-saved");

        s.chord(&[keys::ALT], '2');
        s.wait_for_screen("board");
        assert_board_shows(&s, title);
        assert!(
            s.text(&s.by_testid("board-count")).contains("51"),
            "51 ideas after the capture"
        );
        s.screenshot("04-board");
        s.set_window_size(1920, 1080);
        s.screenshot("05-board-1920x1080");
        s.close();
    }

    // Restart: a new session starts the app again on the same database.
    let s = driver.session(&app);
    s.set_window_size(1280, 800);
    s.wait_for_screen("capture");
    s.chord(&[keys::ALT], '2');
    s.wait_for_screen("board");
    assert_board_shows(&s, title);
    s.screenshot("06-board-after-restart");
    s.close();
}

fn assert_board_shows(s: &labinov_tests::webdriver::Session<'_>, title: &str) {
    s.wait_for(
        "the idea in the DINKES group of the board",
        Duration::from_secs(10),
        &format!(
            "return [...document.querySelectorAll('[data-testid=board-group][data-agency-code=DINKES] [data-testid=board-idea]')]
               .some(e => e.textContent.includes({title:?}))"
        ),
    );
}
