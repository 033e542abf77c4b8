//! The room for phones, opened in the real window as a facilitator does: the Show screen,
//! "Buka untuk peserta" on the loopback address. Shared by the room's window test and the
//! room's load benchmark.

use std::time::Duration;

use serde_json::json;

use crate::webdriver::{keys, Session};

/// Opens the Show screen and the room on 127.0.0.1; the room's address (with the join code
/// in its fragment, as the QR code holds it) and the join code.
pub fn open_in_window(s: &Session<'_>) -> (String, String) {
    s.chord(&[keys::ALT], '5');
    s.wait_for_screen("show");
    s.wait_for(
        "the laptop's addresses",
        Duration::from_secs(10),
        "return [...document.querySelectorAll('[data-testid=room-address] option')].some(o => o.value === '127.0.0.1')",
    );
    s.script(
        "const sel = document.querySelector('[data-testid=room-address]');
         sel.value = '127.0.0.1'; sel.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([]),
    );
    s.click(&s.by_testid("room-open"));
    s.wait_for(
        "the room open",
        Duration::from_secs(10),
        "return !!document.querySelector('[data-testid=room-code]')?.textContent.trim()",
    );
    let url = s.text(&s.by_testid("room-url")).trim().to_owned();
    let code = s.text(&s.by_testid("room-code")).trim().to_owned();
    (url, code)
}

/// The service's base address (`http://host:port`) of a room address.
pub fn base_of(url: &str) -> String {
    url.split('#')
        .next()
        .unwrap_or(url)
        .trim_end_matches('/')
        .to_owned()
}
