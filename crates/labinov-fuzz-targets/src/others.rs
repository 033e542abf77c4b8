//! The small targets: the board's search and the date parsers.

use labinov_core::model::BoardQuery;
use labinov_core::search::{fts_query, Match};
use labinov_core::time::{local_display, parse_clock, parse_date};

/// The board's search box and the duplicate hint: any text becomes an FTS5 query whose
/// terms are quoted, so no input can break the query's syntax. The board and the hint
/// must answer (possibly with nothing), never fail or panic, and every snippet's marks
/// must pair up.
pub fn board_query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = fts_query(&text, Match::All);
    let _ = fts_query(&text, Match::Any);
    let f = crate::fixture();
    let page = f
        .store
        .board_page(
            &f.lab,
            &BoardQuery {
                text: text.to_string(),
                limit: 20,
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("board search {text:?}: {e}"));
    for card in &page.cards {
        if let Some(s) = &card.snippet {
            let opens = s.matches('\u{E000}').count();
            assert_eq!(opens, s.matches('\u{E001}').count(), "{s:?}");
        }
    }
    f.store
        .similar_ideas(&f.lab, &text, None, 5)
        .unwrap_or_else(|e| panic!("similar {text:?}: {e}"));
}

/// The date and time parsers: day-first dates (`28/11/2026`, `28-11-2026`, `28.11.2026`,
/// ISO), times (`08.30`, `8:30`), stored UTC times shown in a zone. Whatever parses must
/// come out in the stored form and read back to the same value.
pub fn dates(data: &[u8]) {
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
}
