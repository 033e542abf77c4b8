//! The date and time parsers: day-first dates (`28/11/2026`, `28-11-2026`, `28.11.2026`,
//! ISO), times (`08.30`, `8:30`), stored UTC times shown in a zone. Whatever parses must
//! come out in the stored form and read back to the same value.
#![no_main]

use labinov_core::time::{local_display, parse_clock, parse_date};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(d) = parse_date("d", s) {
        let stored = d.to_string();
        assert_eq!(parse_date("d", &stored).unwrap(), d, "{s:?}");
    }
    if let Ok(t) = parse_clock("t", s) {
        assert_eq!(t.len(), 5, "{s:?} -> {t:?}");
        assert_eq!(parse_clock("t", &t).unwrap(), t);
    }
    let (utc, zone) = s.split_once('|').unwrap_or((s, "Asia/Jakarta"));
    let shown = local_display(utc, zone);
    assert!(!shown.is_empty() || utc.is_empty());
});
