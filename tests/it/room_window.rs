//! The room for phones in the real windows (issue 16): the facilitator opens it from the
//! Show screen on the loopback address, a phone (real HTTP to the service the app runs)
//! joins, sends an idea close to one of the lab's and asks a question; the moderation
//! queue shows both with the duplicate hint, the projector's corner shows the join code
//! and the live count; the facilitator accepts the idea and approves the question by
//! keyboard; closing the room ends the phone's session. Screenshots `76-room-*.png` at
//! 1366×768 and 1920×1080 in `target/e2e-screenshots/`.

use std::time::{Duration, Instant};

use labinov_tests::webdriver::{keys, skip_requested, Display, Driver, Session};
use labinov_tests::{cli_ok, labinov_bin};
use serde_json::{json, Value};

/// A phone: JSON over HTTP to the room's address, as its page sends it.
struct Phone {
    http: ureq::Agent,
    base: String,
    token: Option<String>,
}

impl Phone {
    fn new(url: &str) -> Phone {
        let base = labinov_tests::room::base_of(url);
        let http = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(10)))
            .build()
            .into();
        Phone {
            http,
            base,
            token: None,
        }
    }

    /// The status and JSON answer, or `None` if the service did not answer at all.
    fn try_call(&self, method: &str, path: &str, body: Option<Value>) -> Option<(u16, Value)> {
        let url = format!("{}{path}", self.base);
        let auth = self.token.as_ref().map(|t| format!("Bearer {t}"));
        let res = if method == "GET" {
            let mut r = self.http.get(&url).header("X-Labinov-Room", "1");
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            r.call()
        } else {
            let mut r = self.http.post(&url).header("X-Labinov-Room", "1");
            if let Some(a) = &auth {
                r = r.header("Authorization", a);
            }
            r.send_json(body.unwrap_or_else(|| json!({})))
        };
        let mut res = res.ok()?;
        let status = res.status().as_u16();
        let value = res.body_mut().read_json().unwrap_or(Value::Null);
        Some((status, value))
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        self.try_call(method, path, body)
            .unwrap_or_else(|| panic!("{method} {path}: the room did not answer"))
    }
}

fn wait_count(s: &Session<'_>, what: &str, css: &str, n: usize) {
    s.wait_for(
        what,
        Duration::from_secs(15),
        &format!("return document.querySelectorAll({css:?}).length === {n}"),
    );
}

#[test]
fn the_room_for_phones_in_the_real_windows() {
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
    s.set_window_size(1366, 768);
    s.wait_for_screen("capture");
    let main = s.window_handle();
    // "Buka untuk peserta", off by default: pick the loopback address and open it.
    let (url, code) = labinov_tests::room::open_in_window(&s);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(code.len(), 6, "{code}");

    // A phone joins, sends an idea like one already captured, asks a question.
    let mut phone = Phone::new(&url);
    let (status, lobby) = phone.call("POST", "/api/lobby", Some(json!({"code": code})));
    assert_eq!(status, 200, "{lobby}");
    let agency = lobby["agencies"][0]["id"].as_str().unwrap().to_owned();
    let (status, joined) = phone.call(
        "POST",
        "/api/join",
        Some(
            json!({"code": code, "agencyId": agency, "deviceId": uuid::Uuid::now_v7().to_string()}),
        ),
    );
    assert_eq!(status, 201, "{joined}");
    phone.token = Some(joined["token"].as_str().unwrap().to_owned());
    let store = labinov_core::Store::open(&db).unwrap();
    let lab = store.list_labs().unwrap()[0].lab.id.clone();
    let existing = store.list_ideas(&lab).unwrap()[0].fields.title.clone();
    let title = format!("{existing} lewat ponsel");
    let (status, sent) = phone.call(
        "POST",
        "/api/proposals",
        Some(json!({
            "submissionId": uuid::Uuid::now_v7().to_string(),
            "agencyId": agency,
            "title": title,
            "problem": "Warga sulit datang ke kantor",
        })),
    );
    assert_eq!(status, 201, "{sent}");
    let (status, asked) = phone.call(
        "POST",
        "/api/questions",
        Some(json!({"submissionId": uuid::Uuid::now_v7().to_string(), "text": "Berapa anggarannya?"})),
    );
    assert_eq!(status, 201, "{asked}");

    // The queue shows both (within the panel's polling), with the duplicate hint.
    wait_count(&s, "the proposal in the queue", "[data-testid=proposal]", 1);
    wait_count(&s, "the question in the queue", "[data-testid=question]", 1);
    assert!(
        s.text(&s.by_testid("room-joined")).contains('1'),
        "{}",
        s.text(&s.by_testid("room-joined"))
    );
    let hint = s.text(&s.by_testid("proposal-similar"));
    assert!(hint.contains(&existing), "{hint}");
    s.script(
        "document.querySelector('[data-testid=room-panel]').scrollIntoView({block: 'start'})",
        json!([]),
    );
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot("76-room-1366-01-open");
    s.script(
        "document.querySelector('[data-testid=room-queue]').scrollIntoView({block: 'start'})",
        json!([]),
    );
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot("76-room-1366-02-queue");

    // The projector's corner: the join code and the live count.
    s.keys(&'\u{E035}'.to_string()); // F5
    let deadline = Instant::now() + Duration::from_secs(15);
    let projector = loop {
        if let Some(h) = s.window_handles().into_iter().find(|h| *h != main) {
            break h;
        }
        assert!(
            Instant::now() < deadline,
            "the projector window did not open"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    s.switch_to_window(&projector);
    s.wait_for(
        "the join corner on the projector",
        Duration::from_secs(15),
        "return document.querySelector('[data-testid=projector-room-joined]')?.textContent.includes('1')",
    );
    let corner = s.text(&s.by_testid("projector-room"));
    assert!(corner.contains(&code), "{corner}");
    s.set_window_size(1366, 768);
    std::thread::sleep(Duration::from_millis(500));
    s.screenshot("76-room-1366-03-projector");
    s.set_window_size(1920, 1080);
    std::thread::sleep(Duration::from_millis(500));
    s.screenshot("76-room-1920-03-projector");
    s.switch_to_window(&main);

    // Accept the idea and approve the question by keyboard.
    s.script(
        "document.querySelector('[data-testid=proposal]').focus()",
        json!([]),
    );
    s.keys(&keys::ENTER.to_string());
    wait_count(&s, "the proposal accepted", "[data-testid=proposal]", 0);
    s.script(
        "document.querySelector('[data-testid=question]').focus()",
        json!([]),
    );
    s.keys("a");
    s.wait_for(
        "the question approved",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=question].is-approved') !== null",
    );
    let idea = store
        .list_ideas(&lab)
        .unwrap()
        .into_iter()
        .find(|i| i.fields.title == title)
        .expect("the accepted idea");
    assert_eq!(idea.fields.problem, "Warga sulit datang ke kantor");
    let (status, wall) = phone.call("GET", "/api/wall", None);
    assert_eq!(status, 200, "{wall}");
    assert_eq!(wall["proposals"][0]["state"], "accepted", "{wall}");
    s.set_window_size(1920, 1080);
    s.script(
        "document.querySelector('[data-testid=room-panel]').scrollIntoView({block: 'start'})",
        json!([]),
    );
    std::thread::sleep(Duration::from_millis(300));
    s.screenshot("76-room-1920-04-decided");

    // Closing the room ends the phone's session (and the service).
    s.click(&s.by_testid("room-close"));
    s.wait_for(
        "the room closed",
        Duration::from_secs(10),
        "return document.querySelector('[data-testid=room-open]') !== null",
    );
    if let Some((status, _)) = phone.try_call("GET", "/api/wall", None) {
        assert_eq!(status, 401, "a closed room refuses the phone");
    }
}
