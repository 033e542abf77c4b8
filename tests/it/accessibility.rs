//! Accessibility of the main screens in the real window: axe-core (from the UI's npm
//! packages) runs in the webview on each screen; a serious or critical violation fails.

use std::time::Duration;

use labinov_tests::labinov_bin;
use labinov_tests::webdriver::{keys, skip_requested, Display, Driver, Session};
use serde_json::{json, Value};

pub(crate) fn axe_source() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} is missing ({e}): run `npm --prefix ui ci`",
            path.display()
        )
    })
}

/// Runs axe on the page; returns the serious and critical violations, printing all.
pub(crate) fn audit(s: &Session<'_>, screen: &str, axe: &str) -> Vec<String> {
    s.script(&format!("{axe}\nreturn true;"), json!([]));
    let result = s.script_async(
        "const done = arguments[arguments.length - 1];
         axe.run(document, {resultTypes: ['violations']})
           .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))
           .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        json!([]),
    );
    let violations = result.as_array().cloned().unwrap_or_default();
    let mut serious = Vec::new();
    for v in &violations {
        let line = format!(
            "{screen}: {} ({}) {} at {}",
            v["id"].as_str().unwrap_or(""),
            v["impact"].as_str().unwrap_or(""),
            v["help"].as_str().unwrap_or(""),
            v["nodes"]
        );
        eprintln!("{line}");
        if matches!(v["impact"].as_str(), Some("serious" | "critical")) {
            serious.push(line);
        }
    }
    serious
}

#[test]
fn main_screens_have_no_serious_accessibility_violations() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let axe = axe_source();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov_bin());
    s.set_window_size(1280, 800);
    s.wait_for_screen("welcome");
    let mut serious = audit(&s, "welcome", &axe);
    s.click(&s.by_testid("open-demo"));
    // The keyboard needs a focused element: wait for the capture screen to take it.
    s.wait_for_screen("capture");
    s.wait_for(
        "the agency picker to have the focus",
        Duration::from_secs(10),
        "return document.activeElement?.dataset.testid === 'agency-picker'",
    );
    for (screen, key) in [
        ("capture", '1'),
        ("board", '2'),
        ("setup", '3'),
        ("trash", '4'),
        ("show", '5'),
        ("followup", '8'),
    ] {
        s.chord(&[keys::ALT], key);
        s.wait_for_screen(screen);
        std::thread::sleep(Duration::from_millis(300));
        serious.extend(audit(&s, screen, &axe));
    }
    // The follow-up plan editor of one idea, with its IID checklist unfolded.
    s.click(&s.by_testid("fu-open-idea"));
    s.wait_for(
        "the plan editor",
        Duration::from_secs(10),
        "return !!document.querySelector('[data-testid=iid-checklist]')",
    );
    s.click(&s.find("[data-testid=iid-checklist] > summary"));
    s.wait_for(
        "the IID checklist",
        Duration::from_secs(10),
        "return document.querySelectorAll('[data-testid=iid-row]').length > 0",
    );
    serious.extend(audit(&s, "followup plan", &axe));
    let _: Value = s.script("return null", json!([]));
    s.close();
    assert!(
        serious.is_empty(),
        "serious accessibility problems:\n{}",
        serious.join("\n")
    );
}
