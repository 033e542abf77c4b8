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
    // The form appears once the reviewer's saved review is read (a round trip after the
    // title); a person tabs once they see the criteria, so the test waits for them too.
    s.wait_for(
        "the idea to review and its criteria",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=review-idea-title]') !== null \
         && document.querySelector('[data-testid=review-criterion]') !== null",
    );
    let title = s.text(&s.by_testid("review-idea-title"));
    // Tab to the first criterion, then digits score it and move on; Ctrl+Enter submits.
    s.keys(&format!("{}{}{}", keys::TAB, keys::TAB, keys::TAB));
    s.wait_for(
        "the first criterion's buttons to have the focus",
        Duration::from_secs(10),
        "return document.activeElement?.closest('[data-testid=review-criterion]') !== null",
    );
    score_by_keys(&s, "[data-testid=review-panel]", "45345");
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

    // Straight from the pitch: the reviewer scores the idea being pitched beside its timer.
    let main = s.window_handle();
    s.chord(&[keys::ALT], '5');
    s.wait_for_screen("show");
    s.click(&s.by_testid("pitch-build"));
    s.wait_for(
        "the queue",
        Duration::from_secs(10),
        "return document.querySelectorAll('[data-testid=pitch-slot]').length >= 50",
    );
    // The second in the queue: the first is the idea just scored on the review screen.
    s.click(&s.find("[data-testid=pitch-slot]:nth-child(2) [data-testid=pitch-start]"));
    s.wait_for(
        "the pitch review form",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=pitch-review] [data-testid=review-form]') !== null",
    );
    let pitched = s.text(&s.find("[data-testid=show-current] .show__what"));
    assert_ne!(pitched, title, "the queue starts with another idea");
    // The reviewer chosen on the review screen is remembered; Tab reaches the criteria.
    s.click(&s.find("[data-testid=pitch-review] [data-testid=review-criterion] button"));
    score_by_keys(&s, "[data-testid=pitch-review]", "54554");
    s.wait_for(
        "the pitch review's total",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=pitch-review] [data-testid=review-total]')?.textContent.includes('92')",
    );
    // Space while scoring belongs to the form: the pitch timer keeps running.
    assert!(s
        .script(
            "return document.querySelector('[data-testid=pitch-pause]') !== null",
            serde_json::json!([])
        )
        .as_bool()
        .unwrap());
    s.chord(&[keys::CONTROL], keys::ENTER);
    s.wait_for(
        "the pitch review submitted",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=pitch-review] [data-testid=review-status]')?.textContent.length > 0",
    );
    s.screenshot("52-review-from-the-pitch");

    // Released to the room: the projector's results mode shows the ranking, the pitched
    // idea (92) above the first one (84).
    s.click(&s.by_testid("show-release"));
    s.click(&s.by_testid("show-mode-results"));
    s.keys("\u{E035}"); // F5
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let projector = loop {
        if let Some(h) = s.window_handles().into_iter().find(|h| *h != main) {
            break h;
        }
        assert!(std::time::Instant::now() < deadline, "no projector window");
        std::thread::sleep(Duration::from_millis(100));
    };
    s.switch_to_window(&projector);
    for (w, h) in [(1920, 1080), (1280, 720)] {
        s.set_window_size(w, h);
        s.wait_for(
            "the ranking on the projector",
            Duration::from_secs(10),
            "return document.querySelectorAll('[data-testid=projector-rank-row]').length === 2",
        );
        let rows: Vec<String> = (0..2)
            .map(|i| {
                s.script(
                    "return document.querySelectorAll('[data-testid=projector-rank-row]')[arguments[0]].textContent",
                    serde_json::json!([i]),
                )
                .as_str()
                .unwrap()
                .to_owned()
            })
            .collect();
        assert!(
            rows[0].contains(&pitched) && rows[0].ends_with("92"),
            "{rows:?}"
        );
        assert!(
            rows[1].contains(&title) && rows[1].ends_with("84"),
            "{rows:?}"
        );
        s.screenshot(&format!("53-projector-ranking-{w}x{h}"));
    }

    // Dot voting in the kiosk on the laptop, then its result beside the ranking.
    s.switch_to_window(&main);
    s.chord(&[keys::ALT], '6');
    s.wait_for_screen("review");
    for i in 1..=4 {
        s.click(&s.find(&format!(
            ".vote .checks__list label:nth-child({i}) input[type=checkbox]"
        )));
    }
    s.click(&s.by_testid("vote-open"));
    s.wait_for(
        "the kiosk",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=vote-kiosk]') !== null",
    );
    // Three voters: 5 dots for the second candidate, 3 for the first, 1 for the fourth.
    let ballots: [&[(usize, usize)]; 3] = [
        &[(1, 2), (0, 1)],
        &[(1, 2), (0, 1)],
        &[(1, 1), (0, 1), (3, 1)],
    ];
    for ballot in ballots {
        for &(candidate, dots) in ballot {
            for _ in 0..dots {
                s.script(
                    "document.querySelectorAll('[data-testid=vote-add]')[arguments[0]].click()",
                    serde_json::json!([candidate]),
                );
            }
        }
        s.click(&s.by_testid("vote-cast"));
        s.wait_for(
            "the next voter",
            Duration::from_secs(10),
            "return document.querySelector('[data-testid=vote-next]') !== null",
        );
        // The kiosk never shows a running tally.
        let kiosk = s.text(&s.by_testid("vote-kiosk"));
        assert!(!kiosk.contains('●'), "{kiosk}");
        s.click(&s.by_testid("vote-next"));
    }
    s.click(&s.by_testid("vote-close"));
    s.wait_for(
        "the vote's result",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=vote-results] desc')?.textContent.includes(': 5')",
    );
    s.click(&s.by_testid("vote-project"));
    s.switch_to_window(&projector);
    for (w, h) in [(1280, 720), (1920, 1080)] {
        s.set_window_size(w, h);
        s.wait_for(
            "the vote beside the ranking on the projector",
            Duration::from_secs(10),
            "const d = document.querySelector('[data-testid=projector-vote] desc')?.textContent ?? ''; \
             return d.split('; ').map(x => x.split(': ').pop()).join(',') === '5,3,1,0' \
               && document.querySelectorAll('[data-testid=projector-rank-row]').length === 2",
        );
        s.screenshot(&format!("54-projector-ranking-and-vote-{w}x{h}"));
    }
    s.switch_to_window(&main);
    s.close();
}

/// Types the digits one key at a time, as a person does, each to whatever has the focus:
/// the form moves the focus to the next criterion after each score, and WebDriver sends a
/// string of keys to one element only.
fn score_by_keys(s: &labinov_tests::webdriver::Session<'_>, scope: &str, digits: &str) {
    let rows = digits.len();
    for (i, d) in digits.chars().enumerate() {
        s.keys(&d.to_string());
        let next = (i + 1).min(rows - 1);
        s.wait_for(
            "the focus on the next criterion",
            Duration::from_secs(5),
            &format!(
                "const rows = document.querySelectorAll('{scope} [data-testid=review-criterion]'); \
                 return rows[{next}]?.contains(document.activeElement) && rows[{i}].querySelector('[aria-checked=true]')?.textContent === '{d}'"
            ),
        );
    }
}
