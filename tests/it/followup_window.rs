//! The follow-up screen in the real window (issue 14), at 1366×768 and 1920×1080: a
//! facilitator opens an idea's plan straight from the idea, writes two steps by keyboard
//! and reorders them, records a progress update with a photo as evidence, and finds the
//! idea on the follow-up board; then edits the lab's IID settings (a weight refused at its
//! cell, then saved). Screenshots `76-followup-*.png` in
//! `target/e2e-screenshots/` to look at.

use std::time::Duration;

use labinov_tests::labinov_bin;
use labinov_tests::webdriver::{keys, skip_requested, Display, Driver, Session};
use serde_json::json;

/// Scrolls the page (and the main area, where it scrolls itself) back to the top.
fn to_top(s: &Session<'_>) {
    s.script(
        "window.scrollTo(0, 0); document.querySelector('.main')?.scrollTo(0, 0);",
        json!([]),
    );
}

fn shot(s: &Session<'_>, name: &str) {
    std::thread::sleep(Duration::from_millis(300)); // let the screen settle and paint
    s.screenshot(&format!("76-followup-{name}"));
}

/// Types `text` into the (empty) field `testid`.
fn fill(s: &Session<'_>, testid: &str, text: &str) {
    s.type_into(&s.by_testid(testid), text);
}

#[test]
fn a_plan_an_update_with_evidence_and_the_board_in_the_window() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let s = driver.session(&labinov_bin());
    s.set_window_size(1366, 768);
    s.wait_for_screen("welcome");
    s.click(&s.by_testid("open-demo"));
    s.wait_for_screen("capture");

    // Straight from the idea: open one of the latest ideas, then its follow-up plan.
    s.wait_for(
        "the latest ideas",
        Duration::from_secs(10),
        "return document.querySelectorAll('[data-testid=latest-idea]').length > 0",
    );
    s.click(&s.by_testid("latest-idea"));
    s.wait_for(
        "the idea's details",
        Duration::from_secs(10),
        "return !!document.querySelector('[data-testid=open-plan]')",
    );
    s.click(&s.by_testid("open-plan"));
    s.wait_for_screen("followup");
    s.wait_for(
        "the plan editor",
        Duration::from_secs(10),
        "return !!document.querySelector('[data-testid=step-form]')",
    );

    // Two steps by keyboard: title, Tab to the owner, Ctrl+Enter.
    for (title, owner) in [
        ("Susun SOP antrean daring", "Seksi Yankes"),
        ("Uji coba di tiga puskesmas", "Puskesmas Cibeber"),
    ] {
        fill(&s, "step-title", title);
        s.keys(&format!("{}{owner}", keys::TAB));
        s.chord(&[keys::CONTROL], keys::ENTER);
        s.wait_for(
            "the step in the plan",
            Duration::from_secs(10),
            &format!(
                "return [...document.querySelectorAll('[data-testid=step-row]')].some(r => r.textContent.includes({title:?}))"
            ),
        );
        // The form is ready for the next step once it has emptied and taken the focus back
        // (on the next frame): only then may the test move the focus elsewhere.
        s.wait_for(
            "the emptied step title to have the focus",
            Duration::from_secs(10),
            "const el = document.activeElement; return el?.dataset.testid === 'step-title' && el.value === ''",
        );
    }
    // The second step first: Alt+↑ on its row.
    s.script(
        "document.querySelectorAll('[data-testid=step-row]')[1].focus()",
        json!([]),
    );
    s.wait_for(
        "the second step's row to have the focus",
        Duration::from_secs(10),
        "return document.activeElement === document.querySelectorAll('[data-testid=step-row]')[1]",
    );
    s.chord(&[keys::ALT], keys::ARROW_UP);
    s.wait_for(
        "the steps reordered",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=step-row]')?.textContent.includes('Uji coba di tiga puskesmas')",
    );

    // A progress update with a photo as evidence.
    fill(
        &s,
        "update-done",
        "SOP disusun dan dibahas dengan kepala puskesmas",
    );
    fill(&s, "update-percent", "35");
    s.script(
        "const png = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
         const dt = new DataTransfer();
         dt.items.add(new File([png], 'rapat SOP.png', {type: 'image/png'}));
         const input = document.querySelector('[data-testid=update-files]');
         input.files = dt.files;
         input.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([PNG_1X1_BASE64]),
    );
    s.click(&s.by_testid("update-save"));
    s.wait_for(
        "the update with its evidence",
        Duration::from_secs(10),
        "const u = document.querySelector('[data-testid=update-item]');
         return !!u && u.textContent.includes('35%') && u.textContent.includes('rapat SOP.png')",
    );
    // The photo opens in the window.
    s.click(&s.by_testid("evidence-open"));
    s.wait_for(
        "the photo shown",
        Duration::from_secs(10),
        "const img = document.querySelector('[data-testid=evidence-viewer] img'); return !!img && img.complete && img.naturalWidth === 1",
    );
    shot(&s, "1366-01b-evidence-open");
    s.keys(&keys::ESCAPE.to_string());
    s.wait_for(
        "the viewer closed",
        Duration::from_secs(10),
        "return !document.querySelector('[data-testid=evidence-viewer]') && !!document.querySelector('[data-testid=plan-editor]')",
    );
    for (w, h) in [(1366, 768), (1920, 1080)] {
        s.set_window_size(w, h);
        to_top(&s);
        shot(&s, &format!("{w}-01-plan"));
        s.script(
            "document.querySelector('[data-testid=updates]').scrollIntoView()",
            json!([]),
        );
        shot(&s, &format!("{w}-02-update"));
    }
    s.set_window_size(1366, 768);

    // The IID checklist, unfolded, with the estimate.
    s.click(&s.find("[data-testid=iid-checklist] > summary"));
    s.wait_for(
        "the IID checklist",
        Duration::from_secs(10),
        "return document.querySelectorAll('[data-testid=iid-row]').length > 0 && !!document.querySelector('[data-testid=iid-estimate]')",
    );
    s.script(
        "document.querySelector('[data-testid=iid-checklist]').scrollIntoView()",
        json!([]),
    );
    shot(&s, "1366-02b-iid");

    // The plan on the projector: its window opens in plan mode with the steps.
    let main = s.window_handle();
    s.click(&s.by_testid("plan-project"));
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    let projector = loop {
        if let Some(h) = s.window_handles().into_iter().find(|h| *h != main) {
            break h;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the projector window did not open"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    s.switch_to_window(&projector);
    s.wait_for(
        "the projector's plan view",
        Duration::from_secs(10),
        "return document.querySelectorAll('[data-mode=plan] [data-testid=projector-plan-steps] tbody tr').length === 2",
    );
    for (w, h) in [(1366, 768), (1920, 1080)] {
        s.set_window_size(w, h);
        shot(&s, &format!("{w}-06-projector-plan"));
    }
    s.switch_to_window(&main);
    s.set_window_size(1366, 768);

    // Back to the board: the idea with its progress.
    s.click(&s.by_testid("plan-back"));
    s.wait_for(
        "the board with the idea's progress",
        Duration::from_secs(10),
        "return [...document.querySelectorAll('[data-testid=fu-idea-row]')].some(r => r.textContent.includes('35%'))",
    );
    for (w, h) in [(1366, 768), (1920, 1080)] {
        s.set_window_size(w, h);
        to_top(&s);
        shot(&s, &format!("{w}-03-board"));
        s.script(
            "document.querySelector('[data-testid=fu-chart-lab]').scrollIntoView()",
            json!([]),
        );
        shot(&s, &format!("{w}-04-board-charts"));
    }
    s.set_window_size(1366, 768);
    s.script(
        "document.querySelector('[data-testid=fu-iid-agencies]').scrollIntoView()",
        json!([]),
    );
    shot(&s, "1366-04b-board-iid");
    s.set_window_size(1366, 768);
    s.click(&s.by_testid("fu-tab-workbooks"));
    s.wait_for(
        "the workbooks tab",
        Duration::from_secs(10),
        "return !!document.querySelector('[data-testid=wb-export]')",
    );
    shot(&s, "1366-05-workbooks");

    // The IID settings: the shipped 2023 indicators, no serious axe violation; indicator
    // 17's weight by keyboard (↓ from the first weight), 0 refused at its cell, then 4 saved.
    s.click(&s.by_testid("fu-tab-iid"));
    s.wait_for(
        "the IID settings",
        Duration::from_secs(10),
        "return document.querySelectorAll('[data-testid=cfg-row]').length === 20",
    );
    to_top(&s);
    shot(&s, "1366-07-iid-settings");
    let axe = crate::accessibility::axe_source();
    let serious = crate::accessibility::audit(&s, "followup iid settings", &axe);
    assert!(serious.is_empty(), "{serious:#?}");
    s.script(
        "document.querySelector('[data-testid=cfg-weight]').focus()",
        json!([]),
    );
    s.keys(&keys::ARROW_DOWN.to_string());
    s.chord(&[keys::CONTROL], 'a');
    s.keys("0");
    s.chord(&[keys::CONTROL], keys::ENTER);
    s.wait_for(
        "the refusal at the weight",
        Duration::from_secs(10),
        "const a = document.activeElement;
         return a?.dataset.field === 'indicators.1.weight' && a.getAttribute('aria-invalid') === 'true'
           && document.querySelector('[data-testid=cfg-error]')?.textContent.includes('Bobot')",
    );
    shot(&s, "1366-08-iid-refused");
    s.chord(&[keys::CONTROL], 'a');
    s.keys("4");
    s.chord(&[keys::CONTROL], keys::ENTER);
    s.wait_for(
        "the settings saved",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=cfg-status]')?.textContent.includes('disimpan')
           && !document.querySelector('[data-testid=cfg-error]')",
    );
    s.script(
        "document.querySelector('[data-testid=cfg-bands]').scrollIntoView()",
        json!([]),
    );
    shot(&s, "1366-09-iid-saved-bands");
    let store = labinov_core::Store::open(&db).unwrap();
    let lab = store.default_lab().unwrap();
    let config = store.iid_config(&lab.id).unwrap();
    assert_eq!(
        (
            config.indicators[1].code.as_str(),
            config.indicators[1].weight
        ),
        ("sdm", 4)
    );
}

/// The smallest PNG: one transparent pixel.
const PNG_1X1_BASE64: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
