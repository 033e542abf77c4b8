//! The board's search box and the duplicate hint: any text becomes an FTS5 query whose
//! terms are quoted, so no input can break the query's syntax. The board and the hint
//! must answer (possibly with nothing), never fail or panic, and every snippet's marks
//! must pair up.
#![no_main]

use labinov_core::model::BoardQuery;
use labinov_core::search::{fts_query, Match};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = fts_query(&text, Match::All);
    let _ = fts_query(&text, Match::Any);
    let f = labinov_fuzz::fixture();
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
});
