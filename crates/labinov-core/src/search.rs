//! Full-text search tolerant of Indonesian word forms.
//!
//! SQLite's FTS5 has no Indonesian stemmer, so the text is prepared here: every word is
//! lowercased, stripped of diacritics, and indexed together with the stems it may have
//! (`pelayanan` → `layan`, `mendaftar` → `daftar`). Affix removal without a dictionary is
//! ambiguous (`mengirim` is `kirim`, `mengambil` is `ambil`), so every plausible stem is
//! kept: the query side does the same and matches if any candidate meets. That trades a
//! little precision for the recall a duplicate hint needs.

use std::collections::{BTreeSet, HashMap};

/// Words too common to say anything about an idea.
pub(crate) const STOPWORDS: &[&str] = &[
    "dan", "di", "ke", "dari", "untuk", "yang", "dengan", "pada", "dalam", "bagi", "atau", "ini",
    "itu", "oleh", "sebagai", "secara", "tidak", "akan", "agar", "para", "serta", "kota", "the",
    "of", "and", "for", "to", "in", "a", "an",
];

const VOWELS: &[char] = &['a', 'i', 'u', 'e', 'o'];
const MIN_STEM: usize = 3;

/// Lowercase words of `text`, diacritics removed (only Latin letters with diacritics
/// are folded; other scripts pass through as they are).
pub fn words(text: &str) -> Vec<String> {
    let folded: String = if text.is_ascii() {
        // Most text: nothing to fold, and lowercasing is byte by byte.
        text.to_ascii_lowercase()
    } else {
        text.chars()
            .flat_map(char::to_lowercase)
            .map(fold)
            .collect()
    };
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        c => c,
    }
}

fn starts_with_vowel(s: &str) -> bool {
    s.starts_with(VOWELS)
}

/// Suffix removals: particles, possessives, then derivational suffixes.
fn without_suffixes(word: &str) -> Vec<String> {
    let mut out = vec![word.to_owned()];
    let mut frontier = vec![word.to_owned()];
    for group in [
        &["lah", "kah", "tah", "pun"][..],
        &["nya", "ku", "mu"][..],
        &["kan", "an", "i"][..],
    ] {
        let mut next = Vec::new();
        for w in &frontier {
            for suf in group {
                if let Some(stem) = w.strip_suffix(suf) {
                    if stem.chars().count() > MIN_STEM {
                        next.push(stem.to_owned());
                    }
                }
            }
        }
        out.extend(next.iter().cloned());
        frontier.extend(next);
    }
    out
}

/// Prefix removals with the nasal sound changes of me-/pe-, once or twice
/// (`memper-`, `diper-`, `keber-`).
fn without_prefixes(word: &str, depth: u8, out: &mut BTreeSet<String>) {
    if depth == 0 {
        return;
    }
    let add = |s: String, out: &mut BTreeSet<String>| {
        if s.chars().count() >= MIN_STEM && out.insert(s.clone()) {
            without_prefixes(&s, depth - 1, out);
        }
    };
    for simple in ["di", "ke", "se", "ter", "ber", "be", "per"] {
        if let Some(rest) = word.strip_prefix(simple) {
            add(rest.to_owned(), out);
        }
    }
    for base in ["me", "pe"] {
        let Some(rest) = word.strip_prefix(base) else {
            continue;
        };
        if let Some(r) = rest.strip_prefix("ny") {
            if starts_with_vowel(r) {
                add(format!("s{r}"), out);
            }
            add(format!("ny{r}"), out);
        } else if let Some(r) = rest.strip_prefix("ng") {
            if starts_with_vowel(r) {
                add(format!("k{r}"), out);
                add(r.to_owned(), out);
            } else {
                add(r.to_owned(), out);
            }
        } else if let Some(r) = rest.strip_prefix('m') {
            if starts_with_vowel(r) {
                add(format!("p{r}"), out);
                add(format!("m{r}"), out);
            } else {
                add(r.to_owned(), out);
            }
        } else if let Some(r) = rest.strip_prefix('n') {
            if starts_with_vowel(r) {
                add(format!("t{r}"), out);
                add(format!("n{r}"), out);
            } else {
                add(r.to_owned(), out);
            }
        } else {
            add(rest.to_owned(), out);
        }
    }
}

/// Every form `word` may stand for: itself and its plausible stems.
pub fn candidates(word: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    out.insert(word.to_owned());
    if word.chars().count() <= MIN_STEM + 1 || word.chars().any(|c| c.is_ascii_digit()) {
        return out;
    }
    for w in without_suffixes(word) {
        out.insert(w.clone());
        without_prefixes(&w, 2, &mut out);
    }
    // Suffixes can also hide behind a prefix: pelayanan → layanan → layan.
    for w in out.clone() {
        if w != word {
            out.extend(without_suffixes(&w));
        }
    }
    out
}

/// The text FTS5 indexes for a document: every word with its candidate stems.
pub fn index_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    index_text_with(texts, &mut StemCache::default())
}

/// Each word's indexed forms (its candidates, space-separated), kept while many
/// documents are indexed (a merge of thousands of ideas meets the same words again and
/// again; working the stems out was two thirds of indexing an idea).
#[derive(Default)]
pub struct StemCache(HashMap<String, String>);

impl StemCache {
    /// Words kept at most; the cache starts over beyond that.
    const MAX_WORDS: usize = 100_000;
}

/// [`index_text`], with the stems of words met before taken from `cache`.
pub fn index_text_with<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    cache: &mut StemCache,
) -> String {
    let mut out = String::new();
    for t in texts {
        for w in words(t) {
            if cache.0.len() >= StemCache::MAX_WORDS {
                cache.0.clear();
            }
            let forms = cache.0.entry(w).or_insert_with_key(|w| {
                let mut forms = String::new();
                for c in candidates(w) {
                    forms.push_str(&c);
                    forms.push(' ');
                }
                forms
            });
            out.push_str(forms);
        }
    }
    out
}

/// How the words of a query combine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// Every word must occur (a search box).
    All,
    /// Any word may occur, more is better (the duplicate hint).
    Any,
}

/// An FTS5 MATCH expression for `text`, or `None` when it has no searchable word.
/// Every term is quoted, so no user text can change the query's syntax.
pub fn fts_query(text: &str, mode: Match) -> Option<String> {
    let mut seen = BTreeSet::new();
    let groups: Vec<String> = words(text)
        .into_iter()
        .filter(|w| !(mode == Match::Any && STOPWORDS.contains(&w.as_str())))
        .filter(|w| seen.insert(w.clone()))
        .take(32)
        .map(|w| {
            let terms: Vec<String> = candidates(&w)
                .into_iter()
                .map(|c| format!("\"{c}\""))
                .collect();
            format!("({})", terms.join(" OR "))
        })
        .collect();
    if groups.is_empty() {
        return None;
    }
    Some(groups.join(match mode {
        Match::All => " AND ",
        Match::Any => " OR ",
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meet(a: &str, b: &str) -> bool {
        !candidates(a).is_disjoint(&candidates(b))
    }

    #[test]
    fn affixed_forms_meet_their_base_word() {
        for (a, b) in [
            ("pelayanan", "layanan"),
            ("melayani", "layanan"),
            ("pendaftaran", "daftar"),
            ("mendaftar", "daftar"),
            ("penulisan", "tulis"),
            ("pengiriman", "kirim"),
            ("mengambil", "ambil"),
            ("memakai", "pakai"),
            ("menyapu", "sapu"),
            ("perizinan", "izin"),
            ("kesehatan", "sehat"),
            ("berbasis", "basis"),
            ("digitalisasi", "digitalisasi"),
            ("pelaporannya", "lapor"),
        ] {
            assert!(
                meet(a, b),
                "{a} ~ {b}: {:?} / {:?}",
                candidates(a),
                candidates(b)
            );
        }
    }

    #[test]
    fn unrelated_words_stay_apart() {
        for (a, b) in [
            ("sampah", "sekolah"),
            ("ambulans", "angkot"),
            ("pajak", "pangan"),
        ] {
            assert!(!meet(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn words_are_lowercased_and_folded() {
        assert_eq!(
            words("Layanan KESEHATAN—Café, 24 jam!"),
            ["layanan", "kesehatan", "cafe", "24", "jam"]
        );
    }

    #[test]
    fn queries_quote_every_term() {
        let q = fts_query("Layanan \"OR\" NEAR(x)", Match::All).unwrap();
        assert!(q.contains("\"layan\""), "{q}");
        assert!(q.contains("(\"or\")"), "{q}");
        assert!(q.contains(" AND "));
        assert_eq!(fts_query(" ,.; ", Match::Any), None);
        assert_eq!(fts_query("dan di ke", Match::Any), None);
    }
}
