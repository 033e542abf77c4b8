//! The participant page, embedded in the binary: one HTML document, its CSS and JS, and
//! its own catalogue of texts in Bahasa Indonesia and English (`assets/texts.json`,
//! inlined into the page as a JSON data block, which the CSP lets through because it is
//! never run).

use std::sync::LazyLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The page's texts, `{"id": {...}, "en": {...}}`.
pub const TEXTS_JSON: &str = include_str!("../assets/texts.json");
const INDEX: &str = include_str!("../assets/index.html");
const SCRIPT: &str = include_str!("../assets/app.js");
const STYLE: &str = include_str!("../assets/app.css");

/// Most bytes a phone downloads for the page, uncompressed: the HTML with its texts, the
/// CSS and the JS (a weak Wi-Fi shared by a room of phones; an old Android phone).
pub const PAGE_BUDGET: usize = 60 * 1024;

/// The page with its texts inlined (`<` escaped, so no text can end the data block).
static PAGE: LazyLock<String> =
    LazyLock::new(|| INDEX.replace("{{TEXTS}}", &TEXTS_JSON.replace('<', "\\u003c")));

/// Everything a phone downloads, for the budget's test.
pub fn page_bytes() -> usize {
    PAGE.len() + SCRIPT.len() + STYLE.len()
}

pub(crate) async fn index() -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        PAGE.as_str(),
    )
        .into_response()
}

pub(crate) async fn script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
        .into_response()
}

pub(crate) async fn style() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn the_page_stays_within_its_weight_budget() {
        let total = page_bytes();
        assert!(
            total < PAGE_BUDGET,
            "the participant page weighs {total} bytes; the budget is {PAGE_BUDGET}"
        );
    }

    fn catalogue() -> serde_json::Map<String, serde_json::Value> {
        serde_json::from_str(TEXTS_JSON).expect("texts.json is JSON")
    }

    /// Every key the page uses (`data-t="..."` in the HTML, `t("...")` in the script).
    fn used_keys() -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for (src, open, close) in [(INDEX, "data-t=\"", '"'), (SCRIPT, "t(\"", '"')] {
            for part in src.split(open).skip(1) {
                if let Some(end) = part.find(close) {
                    let key = &part[..end];
                    // `t("a.b")`, not some other call ending in `t(`, nor a prefix the
                    // script completes (`t("state." + ...)`: checked below by its values).
                    if key.contains('.')
                        && !key.ends_with('.')
                        && key.starts_with(|c: char| c.is_ascii_lowercase())
                    {
                        keys.insert(key.to_owned());
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn both_languages_have_every_text_the_page_uses() {
        let cat = catalogue();
        let keys = |lang: &str| -> BTreeSet<String> {
            let texts = cat[lang].as_object().unwrap();
            for (k, v) in texts {
                let v = v.as_str().unwrap_or_else(|| panic!("{lang}.{k} is text"));
                assert!(!v.trim().is_empty(), "{lang}.{k} is empty");
            }
            texts.keys().cloned().collect()
        };
        let (id, en) = (keys("id"), keys("en"));
        assert_eq!(
            id.symmetric_difference(&en).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "id and en have the same keys"
        );
        assert_eq!(cat.len(), 2, "only id and en");
        let used = used_keys();
        assert!(used.len() > 20, "{used:?}");
        for k in used {
            assert!(
                id.contains(&k),
                "the page uses {k:?}, which the catalogue lacks"
            );
        }
        // Every refusal the page can get has its words (the reasons a phone can meet).
        for kind in [
            "required",
            "tooLong",
            "controlCharacter",
            "chooseAgency",
            "agencyRetired",
            "photoTooLarge",
            "notAPhoto",
            "photoUnreadable",
            "dotsRange",
            "voteClosed",
            "notACandidate",
            "joinCodeWrong",
            "notJoined",
            "alreadyVoted",
            "submissionId",
            "questionNotShown",
        ] {
            assert!(
                labinov_core::Reason::KINDS.contains(&kind),
                "{kind} is a reason"
            );
            assert!(id.contains(&format!("reason.{kind}")), "reason.{kind}");
        }
        let states = labinov_core::ProposalState::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(labinov_core::QuestionState::ALL.iter().map(|s| s.as_str()));
        for state in states {
            assert!(id.contains(&format!("state.{state}")), "state.{state}");
        }
        for code in [
            "rate_limited",
            "too_large",
            "bad_request",
            "cross_site",
            "wrong_host",
            "not_found",
            "internal",
        ] {
            assert!(id.contains(&format!("code.{code}")), "code.{code}");
        }
    }

    #[test]
    fn the_page_loads_nothing_from_outside_and_runs_no_inline_script() {
        for src in [INDEX, SCRIPT, STYLE] {
            for bad in [
                "http://",
                "https://",
                "//cdn",
                "innerHTML",
                "eval(",
                "@import",
            ] {
                assert!(!src.contains(bad), "the page holds {bad:?}");
            }
        }
        // The only script elements: the data block and the page's own file.
        assert_eq!(INDEX.matches("<script").count(), 2);
        assert!(INDEX.contains("<script type=\"application/json\" id=\"texts\">"));
        assert!(INDEX.contains("<script src=\"/app.js\" defer></script>"));
        assert!(!PAGE.contains("{{TEXTS}}"));
        assert!(!TEXTS_JSON.contains("</"));
    }
}
