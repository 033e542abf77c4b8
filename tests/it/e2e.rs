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
        s.set_window_size(1280, 800);
        s.wait_for(
            "the window back at 1280 wide",
            Duration::from_secs(10),
            "return window.innerWidth <= 1280",
        );
        s.chord(&[keys::ALT], '3');
        s.wait_for_screen("setup");
        std::thread::sleep(Duration::from_millis(300)); // let the resized window repaint
        s.screenshot("07-setup");
        s.chord(&[keys::ALT], '4');
        s.wait_for_screen("trash");
        s.screenshot("08-trash");
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

/// Scrolls to the DINKES group, as a user would (a group far down the board draws its
/// cards when it comes near the screen), and waits for the idea in it.
fn assert_board_shows(s: &labinov_tests::webdriver::Session<'_>, title: &str) {
    s.wait_for(
        "the idea in the DINKES group of the board",
        Duration::from_secs(10),
        &format!(
            "const group = document.querySelector('[data-testid=board-group][data-agency-code=DINKES]');
             group?.scrollIntoView({{block: 'center'}});
             return [...(group?.querySelectorAll('[data-testid=board-idea]') ?? [])]
               .some(e => e.textContent.includes({title:?}))"
        ),
    );
}

/// Capture with the full form: the duplicate hint appears while the title is typed, a
/// photo chosen through the file picker shows as a thumbnail and is stored with the idea,
/// and a half-typed idea left in the window is offered again after a restart.
#[test]
fn photo_duplicate_hint_and_draft_after_restart() {
    if skip_requested() {
        eprintln!("LABINOV_SKIP_E2E=1: end-to-end test skipped on request");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lab.db");
    let photo = dir.path().join("flipchart-dinkes.png");
    image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 160])
    })
    .save(&photo)
    .unwrap();
    let display = Display::start();
    let driver = Driver::start(&display, &[("LABINOV_DB", db.as_path())]);
    let app = labinov_bin();
    labinov_tests::cli_ok(&db, &["demo"]);

    {
        let s = driver.session(&app);
        s.set_window_size(1280, 800);
        s.wait_for_screen("capture");
        s.chord(&[keys::CONTROL], 'n');
        s.keys("dpupr");
        s.wait_for(
            "the DPUPR option",
            Duration::from_secs(10),
            "return [...document.querySelectorAll('[data-testid=agency-option]')].some(o => o.textContent.includes('DPUPR'))",
        );
        s.keys(&format!("{}{}", keys::ENTER, keys::TAB));
        s.keys("Pelaporan Jalan Rusak 24 Jam");
        s.wait_for(
            "the duplicate hint naming the demo's road-damage idea",
            Duration::from_secs(10),
            "return document.querySelector('[data-testid=similar-hint]')?.textContent.includes('Lapor Jalan Rusak')",
        );
        s.screenshot("11-duplicate-hint");

        // The rest of the official form: open it, pick a tahapan, and look at it.
        s.script(
            "document.querySelector('[data-testid=more-fields]').click(); const t = document.querySelector('[data-testid=idea-tahapan]'); t.value = 'uji_coba'; t.dispatchEvent(new Event('change', {bubbles: true})); t.scrollIntoView(); return null",
            serde_json::json!([]),
        );
        s.screenshot("11b-full-form");

        // A photo through the file picker: a thumbnail at once, stored when the idea saves.
        s.type_into(&s.by_testid("photo-input"), photo.to_str().unwrap());
        s.wait_for(
            "the photo's thumbnail",
            Duration::from_secs(10),
            "const img = document.querySelector('[data-testid=photo-thumb] img'); return !!img && img.complete && img.naturalWidth > 0",
        );
        // A second photo dropped on the drop zone (an HTML5 drop, as the file manager's).
        s.script(
            "const c = document.createElement('canvas'); c.width = 320; c.height = 240;
             const g = c.getContext('2d'); g.fillStyle = '#ffd447'; g.fillRect(0, 0, 320, 240);
             const b64 = c.toDataURL('image/png').split(',')[1];
             const bytes = Uint8Array.from(atob(b64), ch => ch.charCodeAt(0));
             const dt = new DataTransfer();
             dt.items.add(new File([bytes], 'kertas-tempel.png', {type: 'image/png'}));
             const zone = document.querySelector('[data-testid=photo-dropzone]');
             zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
             zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
             return null",
            serde_json::json!([]),
        );
        s.wait_for(
            "two thumbnails, one picked and one dropped",
            Duration::from_secs(10),
            "return [...document.querySelectorAll('[data-testid=photo-thumb] img')].filter(i => i.complete && i.naturalWidth > 0).length === 2",
        );
        s.screenshot("12-photo-pending");
        s.chord(&[keys::CONTROL], keys::ENTER);
        s.wait_for(
            "the saved idea",
            Duration::from_secs(10),
            "return document.querySelector('[data-testid=save-status]')?.textContent.includes('Pelaporan Jalan Rusak')",
        );
        // Open it again: the thumbnail now comes from the database.
        s.wait_for(
            "the idea in the latest list",
            Duration::from_secs(10),
            "const b = [...document.querySelectorAll('[data-testid=latest-idea]')].find(e => e.textContent.includes('Pelaporan Jalan Rusak')); if (b) b.click(); return !!b",
        );
        s.wait_for(
            "the stored photo's thumbnail",
            Duration::from_secs(10),
            "const imgs = [...document.querySelectorAll('[data-testid=photo-thumb] img')]; return imgs.length === 2 && imgs.every(i => i.complete && i.naturalWidth > 0) && !document.querySelector('.thumb--pending')",
        );
        s.screenshot("13-photo-stored-and-history");

        // Back to a new idea, type half of one, and close the window without saving.
        s.keys(&keys::ESCAPE.to_string());
        s.chord(&[keys::CONTROL], 'n');
        s.keys("dinsos");
        s.keys(&format!("{}{}", keys::ENTER, keys::TAB));
        s.keys("Kartu Lansia Sejahtera belum selesai");
        s.wait_for(
            "the draft to be saved",
            Duration::from_secs(10),
            "return document.querySelector('[data-testid=draft-status]')?.textContent.includes('Draf tersimpan')",
        );
        s.close();
    }

    let s = driver.session(&app);
    s.set_window_size(1280, 800);
    s.wait_for_screen("capture");
    s.wait_for(
        "the draft offered after the restart",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=drafts]')?.textContent.includes('Kartu Lansia Sejahtera belum selesai')",
    );
    s.screenshot("14-draft-offered-after-restart");
    s.click(&s.by_testid("draft-resume"));
    s.wait_for(
        "the draft back in the form",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=idea-title]').value === 'Kartu Lansia Sejahtera belum selesai'",
    );
    s.close();
}
