//! The board: ideas grouped into columns, filtered, searched, sorted and paged; and the
//! lab's figures for the progress view and the charts.

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use crate::charts::{lab_charts, LabCharts};
use crate::error::Result;
use crate::model::{
    AgencyCount, BoardCard, BoardColumn, BoardGrouping, BoardPage, BoardQuery, BoardSort, DayCount,
    Idea, IdeaPatch, LabStats, OptionCount,
};
use crate::search::{candidates, fts_query, words, Match, STOPWORDS};
use crate::store::Store;

/// Cards per page when the query does not say, and the most a page may hold.
const DEFAULT_LIMIT: u32 = 200;
const MAX_LIMIT: u32 = 1000;
/// The most cards of each column one query returns (`BoardQuery::per_column`).
const MAX_PER_COLUMN: u32 = 200;
/// Ideas read per statement when the cards of a page are read: well under SQLite's limit
/// on a statement's parameters, however many cards a page holds.
const CARDS_PER_STATEMENT: usize = 500;
/// Characters of context on each side of the first match in a snippet.
const SNIPPET_CONTEXT: usize = 60;

pub const MARK_START: char = '\u{E000}';
pub const MARK_END: char = '\u{E001}';

/// What grouping, counting and sorting need of a matching idea. The rest of a card is
/// read only for the ideas of the page asked for, so a page costs little more than
/// counting, however many ideas the lab has.
struct Row {
    id: String,
    group: String,
    created_at: String,
    /// The lowercased title, when sorting by title.
    title_key: String,
    agency_position: i64,
}

impl Store {
    /// One page of the board. See [`BoardQuery`] for what can be asked.
    pub fn board_page(&self, lab_id: &str, q: &BoardQuery) -> Result<BoardPage> {
        self.get_lab(lab_id)?;
        let mut rows = self.board_rows(lab_id, q)?;
        let options = self.list_options(lab_id)?;
        let agencies = self.list_agencies(lab_id)?;

        // The columns of the grouping, in their natural order, with their counts.
        let mut counts: HashMap<&str, u32> = HashMap::new();
        for r in &rows {
            *counts.entry(r.group.as_str()).or_default() += 1;
        }
        let mut columns: Vec<BoardColumn> = Vec::new();
        match q.group_by {
            BoardGrouping::Agency => {
                for a in &agencies {
                    let count = counts.get(a.id.as_str()).copied().unwrap_or(0);
                    if a.retired_at.is_none() || count > 0 {
                        columns.push(BoardColumn {
                            key: a.id.clone(),
                            label_id: a.short_name.clone(),
                            label_en: a.short_name.clone(),
                            count,
                        });
                    }
                }
            }
            grouping => {
                let list = list_of(grouping);
                let mut items: Vec<_> = options.iter().filter(|o| o.list == list).collect();
                items.sort_by_key(|o| o.position);
                for o in items {
                    let count = counts.get(o.code.as_str()).copied().unwrap_or(0);
                    if !o.retired || count > 0 {
                        columns.push(BoardColumn {
                            key: o.code.clone(),
                            label_id: o.label_id.clone(),
                            label_en: o.label_en.clone(),
                            count,
                        });
                    }
                }
            }
        }
        // Ideas with the field empty, or with a code no longer in the list.
        let known: HashSet<&str> = columns.iter().map(|c| c.key.as_str()).collect();
        let stray: u32 = counts
            .iter()
            .filter(|(k, _)| !known.contains(*k))
            .map(|(_, n)| *n)
            .sum();
        drop(counts);
        if stray > 0 {
            for r in rows.iter_mut() {
                if !known.contains(r.group.as_str()) {
                    r.group = String::new();
                }
            }
            drop(known);
            columns.push(BoardColumn {
                key: String::new(),
                label_id: "Belum diisi".into(),
                label_en: "Not set".into(),
                count: stray,
            });
        }

        if let Some(g) = &q.group {
            rows.retain(|r| &r.group == g);
        }
        // Column order, then the sort.
        let order: HashMap<&str, usize> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| (c.key.as_str(), i))
            .collect();
        let column_of = |r: &Row| order.get(r.group.as_str()).copied().unwrap_or(usize::MAX);
        rows.sort_by(|a, b| {
            column_of(a)
                .cmp(&column_of(b))
                .then_with(|| match q.sort {
                    BoardSort::Newest => b.created_at.cmp(&a.created_at),
                    BoardSort::Oldest => a.created_at.cmp(&b.created_at),
                    BoardSort::Title => a.title_key.cmp(&b.title_key),
                    BoardSort::Agency => a
                        .agency_position
                        .cmp(&b.agency_position)
                        .then_with(|| b.created_at.cmp(&a.created_at)),
                })
                .then_with(|| a.id.cmp(&b.id))
        });
        let total = rows.len() as u32;
        let (page, offset): (Vec<Row>, u32) = if q.per_column > 0 && q.group.is_none() {
            // The rows are in column order: keep the first few of each column.
            let each = q.per_column.min(MAX_PER_COLUMN) as usize;
            let mut taken = 0;
            let mut last_group: Option<String> = None;
            let page = rows
                .into_iter()
                .filter(|r| {
                    if last_group.as_deref() != Some(r.group.as_str()) {
                        last_group = Some(r.group.clone());
                        taken = 0;
                    }
                    taken += 1;
                    taken <= each
                })
                .collect();
            (page, 0)
        } else {
            let limit = match q.limit {
                0 => DEFAULT_LIMIT,
                n => n.min(MAX_LIMIT),
            } as usize;
            let page = rows
                .into_iter()
                .skip(q.offset as usize)
                .take(limit)
                .collect();
            (page, q.offset)
        };
        let cards = self.board_cards(&page, &query_forms(&q.text))?;
        Ok(BoardPage {
            total,
            columns,
            cards,
            offset,
        })
    }

    /// Moves an idea to another status (a kanban move); recorded like any edit.
    pub fn set_idea_status(&self, idea_id: &str, status: &str) -> Result<Idea> {
        self.update_idea(idea_id, IdeaPatch::new().set("status", status))
    }

    /// The live ideas that pass the filters, with their group key, before ordering. The
    /// filters but tags are SQL; tags are compared here, whatever their case.
    fn board_rows(&self, lab_id: &str, q: &BoardQuery) -> Result<Vec<Row>> {
        let group_column = match q.group_by {
            BoardGrouping::Agency => "i.agency_id",
            BoardGrouping::Tahapan => "i.tahapan",
            BoardGrouping::Bentuk => "i.bentuk",
            BoardGrouping::Status => "i.status",
        };
        let mut sql = format!(
            "SELECT i.id, {group_column}, i.created_at, {}, a.position, {}
             FROM idea i JOIN agency a ON a.id = i.agency_id
             WHERE i.lab_id = ?1 AND i.deleted_at IS NULL AND i.merged_into IS NULL",
            if q.sort == BoardSort::Title {
                "i.title"
            } else {
                "''"
            },
            if q.tags.is_empty() { "'[]'" } else { "i.tags" },
        );
        let mut values: Vec<Value> = vec![Value::Text(lab_id.to_owned())];
        if !q.text.trim().is_empty() {
            let Some(fts) = fts_query(&q.text, Match::All) else {
                // Only words too common to search for: nothing matches every word.
                return Ok(Vec::new());
            };
            values.push(Value::Text(fts));
            sql.push_str(&format!(
                " AND i.id IN (SELECT idea_id FROM idea_search WHERE idea_search MATCH ?{} AND lab_id = ?1)",
                values.len()
            ));
        }
        if let Some(day) = q.lab_day {
            values.push(Value::Integer(i64::from(day)));
            sql.push_str(&format!(" AND i.lab_day = ?{}", values.len()));
        }
        for (column, wanted) in [
            ("i.agency_id", &q.agency_ids),
            ("i.bentuk", &q.bentuk),
            ("i.jenis", &q.jenis),
            ("i.status", &q.status),
        ] {
            if wanted.is_empty() {
                continue;
            }
            let mut marks = Vec::new();
            for w in wanted {
                values.push(Value::Text(w.clone()));
                marks.push(format!("?{}", values.len()));
            }
            sql.push_str(&format!(" AND {column} IN ({})", marks.join(", ")));
        }
        let tags: HashSet<String> = q
            .tags
            .iter()
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        let conn = self.read_conn()?;
        let mut stmt = conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(values.iter()), |r| {
            let title: String = r.get(3)?;
            let tags_json: String = r.get(5)?;
            Ok((
                Row {
                    id: r.get(0)?,
                    group: r.get(1)?,
                    created_at: r.get(2)?,
                    title_key: title.to_lowercase(),
                    agency_position: r.get(4)?,
                },
                tags_json,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (row, tags_json) = row?;
            if !tags.is_empty() {
                let have: Vec<String> = serde_json::from_str(&tags_json).unwrap_or_default();
                if !have.iter().any(|t| tags.contains(&t.to_lowercase())) {
                    continue;
                }
            }
            out.push(row);
        }
        Ok(out)
    }

    /// The cards of a page, in its order; with a text query, each with its snippet.
    fn board_cards(
        &self,
        page: &[Row],
        query_words: &[BTreeSet<String>],
    ) -> Result<Vec<BoardCard>> {
        if page.is_empty() {
            return Ok(Vec::new());
        }
        let conn = self.read_conn()?;
        let mut found: HashMap<String, BoardCard> = HashMap::with_capacity(page.len());
        for chunk in page.chunks(CARDS_PER_STATEMENT) {
            let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("?{i}")).collect();
            let mut stmt = conn.prepare(&format!(
                "SELECT i.id, i.agency_id, a.code, a.short_name, i.title, i.proposer_name, i.status,
                        i.tahapan, i.bentuk, i.jenis, i.lab_day, i.tags, i.created_at, {}
                 FROM idea i JOIN agency a ON a.id = i.agency_id
                 WHERE i.id IN ({})",
                if query_words.is_empty() {
                    "'', ''"
                } else {
                    "i.problem, i.description"
                },
                marks.join(", ")
            ))?;
            let rows = stmt.query_map(params_from_iter(chunk.iter().map(|r| &r.id)), |r| {
                let tags_json: String = r.get(11)?;
                let title: String = r.get(4)?;
                let snippet = if query_words.is_empty() {
                    None
                } else {
                    let problem: String = r.get(13)?;
                    let description: String = r.get(14)?;
                    let text = [title.as_str(), &problem, &description]
                        .into_iter()
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" — ");
                    Some(snippet(&text, query_words))
                };
                Ok(BoardCard {
                    id: r.get(0)?,
                    agency_id: r.get(1)?,
                    agency_code: r.get(2)?,
                    agency_short_name: r.get(3)?,
                    title,
                    proposer_name: r.get(5)?,
                    status: r.get(6)?,
                    tahapan: r.get(7)?,
                    bentuk: r.get(8)?,
                    jenis: r.get(9)?,
                    lab_day: r.get(10)?,
                    tags: serde_json::from_str(&tags_json).unwrap_or_default(),
                    group: String::new(),
                    created_at: r.get(12)?,
                    snippet,
                })
            })?;
            for card in rows {
                let card = card?;
                found.insert(card.id.clone(), card);
            }
        }
        Ok(page
            .iter()
            .filter_map(|r| {
                found.remove(&r.id).map(|mut c| {
                    c.group = r.group.clone();
                    c
                })
            })
            .collect())
    }

    /// The figures of the progress view and the charts.
    pub fn lab_stats(&self, lab_id: &str) -> Result<LabStats> {
        let lab = self.get_lab(lab_id)?;
        let agencies = self.list_agencies(lab_id)?;
        let options = self.list_options(lab_id)?;
        let conn = self.read_conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT agency_id, lab_day, bentuk, jenis, status FROM idea
             WHERE lab_id = ?1 AND deleted_at IS NULL AND merged_into IS NULL",
        )?;
        type Fact = (String, Option<u32>, String, String, String);
        let facts: Vec<Fact> = stmt
            .query_map([lab_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<Result<_, _>>()?;
        drop(stmt);
        drop(conn);

        let start = chrono::NaiveDate::parse_from_str(&lab.start_date, "%Y-%m-%d").ok();
        let per_day = (1..=lab.days)
            .map(|day| DayCount {
                day,
                date: start
                    .and_then(|s| s.checked_add_days(chrono::Days::new(u64::from(day - 1))))
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
                count: facts.iter().filter(|f| f.1 == Some(day)).count() as u32,
            })
            .collect();
        let by_option = |list: &str, value: fn(&Fact) -> &str| -> Vec<OptionCount> {
            let mut items: Vec<_> = options.iter().filter(|o| o.list == list).collect();
            items.sort_by_key(|o| o.position);
            items
                .into_iter()
                .map(|o| OptionCount {
                    code: o.code.clone(),
                    label_id: o.label_id.clone(),
                    label_en: o.label_en.clone(),
                    count: facts.iter().filter(|f| value(f) == o.code).count() as u32,
                })
                .filter(|c| {
                    c.count > 0
                        || !options
                            .iter()
                            .any(|o| o.list == list && o.code == c.code && o.retired)
                })
                .collect()
        };
        let active: Vec<_> = agencies.iter().filter(|a| a.retired_at.is_none()).collect();
        let per_agency: Vec<AgencyCount> = active
            .iter()
            .map(|a| AgencyCount {
                agency_id: a.id.clone(),
                code: a.code.clone(),
                short_name: a.short_name.clone(),
                name: a.name.clone(),
                group: a.group.clone(),
                count: facts.iter().filter(|f| f.0 == a.id).count() as u32,
            })
            .collect();
        let agencies_without_idea = active
            .iter()
            .filter(|a| !facts.iter().any(|f| f.0 == a.id))
            .map(|a| (*a).clone())
            .collect();
        let mut stats = LabStats {
            idea_count: facts.len() as u32,
            idea_target: lab.idea_target,
            per_day,
            without_day: facts.iter().filter(|f| f.1.is_none()).count() as u32,
            per_agency,
            per_bentuk: by_option("bentuk", |f| &f.2),
            per_jenis: by_option("jenis", |f| &f.3),
            per_status: by_option("status", |f| &f.4),
            agencies_without_idea,
            charts: LabCharts::empty(),
        };
        stats.charts = lab_charts(&stats);
        Ok(stats)
    }
}

fn list_of(g: BoardGrouping) -> &'static str {
    match g {
        BoardGrouping::Agency => "agency",
        BoardGrouping::Tahapan => "tahapan",
        BoardGrouping::Bentuk => "bentuk",
        BoardGrouping::Status => "status",
    }
}

/// The forms of each meaningful word of a search, for marking matches.
fn query_forms(text: &str) -> Vec<BTreeSet<String>> {
    words(text)
        .into_iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .map(|w| candidates(&w))
        .collect()
}

/// A short excerpt of `text` around its first match, every matching word wrapped in
/// [`MARK_START`]/[`MARK_END`].
fn snippet(text: &str, forms: &[BTreeSet<String>]) -> String {
    // Word boundaries of the original text, and whether each word matches.
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    let mut start: Option<usize> = None;
    let push = |s: usize, e: usize, spans: &mut Vec<(usize, usize, bool)>| {
        let word = &text[s..e];
        let hit = words(word).iter().any(|w| {
            let mine = candidates(w);
            forms.iter().any(|f| f.iter().any(|c| mine.contains(c)))
        });
        spans.push((s, e, hit));
    };
    for (i, ch) in text.char_indices() {
        if ch.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            push(s, i, &mut spans);
        }
    }
    if let Some(s) = start {
        push(s, text.len(), &mut spans);
    }
    let first = spans.iter().find(|s| s.2).map_or(0, |s| s.0);
    // Start a little before the first match, on a char boundary.
    let mut from = first.saturating_sub(SNIPPET_CONTEXT);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (first + SNIPPET_CONTEXT * 2).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    // The marks are private-use characters a person could paste: any in the text itself
    // become U+FFFD, so only the matches are marked.
    let plain = |out: &mut String, s: &str| {
        out.extend(s.chars().map(|c| match c {
            MARK_START | MARK_END => '\u{FFFD}',
            c => c,
        }))
    };
    let mut at = from;
    for (s, e, _) in spans
        .into_iter()
        .filter(|s| s.2 && s.0 >= from && s.1 <= to)
    {
        plain(&mut out, &text[at..s]);
        out.push(MARK_START);
        plain(&mut out, &text[s..e]);
        out.push(MARK_END);
        at = e;
    }
    plain(&mut out, &text[at..to]);
    if to < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::{BoardGrouping, BoardQuery, BoardSort, IdeaPatch};
    use crate::Store;

    fn demo() -> (tempfile::TempDir, Store, String) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = crate::demo::create_demo_lab(&store).unwrap();
        (dir, store, lab.id)
    }

    #[test]
    fn columns_by_agency_and_by_status_with_counts_and_paging() {
        let (_dir, store, lab) = demo();
        let page = store.board_page(&lab, &BoardQuery::default()).unwrap();
        assert_eq!(page.total, 50);
        assert_eq!(
            page.columns.len(),
            37,
            "every active agency, empty ones too"
        );
        assert_eq!(page.columns.iter().map(|c| c.count).sum::<u32>(), 50);
        assert_eq!(page.columns.iter().filter(|c| c.count == 0).count(), 2);
        // Cards come column by column.
        let order: Vec<&str> = page.columns.iter().map(|c| c.key.as_str()).collect();
        let positions: Vec<usize> = page
            .cards
            .iter()
            .map(|c| order.iter().position(|k| *k == c.group).unwrap())
            .collect();
        assert!(positions.windows(2).all(|w| w[0] <= w[1]));

        let ideas = store.list_ideas(&lab).unwrap();
        store.set_idea_status(&ideas[0].id, "shortlisted").unwrap();
        store.set_idea_status(&ideas[1].id, "selected").unwrap();
        let q = BoardQuery {
            group_by: BoardGrouping::Status,
            ..Default::default()
        };
        let page = store.board_page(&lab, &q).unwrap();
        let cols: Vec<(&str, u32)> = page
            .columns
            .iter()
            .map(|c| (c.key.as_str(), c.count))
            .collect();
        // The demo has eight shortlisted ideas; the two newest are captured.
        assert_eq!(
            cols,
            [
                ("captured", 40),
                ("shortlisted", 9),
                ("reviewed", 0),
                ("selected", 1)
            ]
        );

        // One column, paged.
        let q = BoardQuery {
            group_by: BoardGrouping::Status,
            group: Some("captured".into()),
            sort: BoardSort::Title,
            offset: 10,
            limit: 5,
            ..Default::default()
        };
        let page = store.board_page(&lab, &q).unwrap();
        assert_eq!((page.total, page.cards.len(), page.offset), (40, 5, 10));
        let all = store
            .board_page(
                &lab,
                &BoardQuery {
                    limit: 1000,
                    ..q.clone()
                },
            )
            .unwrap();
        let titles: Vec<String> = all.cards.iter().map(|c| c.title.to_lowercase()).collect();
        assert!(titles.windows(2).all(|w| w[0] <= w[1]), "sorted by title");
        let _ = store.update_idea(&ideas[2].id, IdeaPatch::new().set("tahapan", ""));
    }

    /// The board's first screen in one query: the first cards of every column, the same
    /// cards and order as asking each column for its first page; and a page larger than
    /// one statement's worth of ideas comes back whole and in order.
    #[test]
    fn the_first_cards_of_every_column_in_one_query() {
        let (_dir, store, lab) = demo();
        let agencies = store.list_agencies(&lab).unwrap();
        let inputs: Vec<_> = (0..1200)
            .map(|i| crate::IdeaInput {
                agency_id: agencies[i % 3].id.clone(),
                title: format!("Gagasan nomor {i}"),
                ..Default::default()
            })
            .collect();
        store.add_ideas(&lab, inputs).unwrap();
        for (group_by, sort) in [
            (BoardGrouping::Agency, BoardSort::Newest),
            (BoardGrouping::Status, BoardSort::Title),
            (BoardGrouping::Tahapan, BoardSort::Oldest),
        ] {
            let q = BoardQuery {
                group_by,
                sort,
                per_column: 7,
                // Ignored with `per_column`.
                offset: 3,
                limit: 2,
                ..Default::default()
            };
            let head = store.board_page(&lab, &q).unwrap();
            assert_eq!((head.total, head.offset), (1250, 0));
            let mut expected = Vec::new();
            for c in &head.columns {
                let page = store
                    .board_page(
                        &lab,
                        &BoardQuery {
                            group: Some(c.key.clone()),
                            offset: 0,
                            limit: 7,
                            per_column: 0,
                            ..q.clone()
                        },
                    )
                    .unwrap();
                assert_eq!(page.cards.len() as u32, c.count.min(7));
                expected.extend(page.cards);
            }
            assert_eq!(head.cards, expected, "{group_by:?}");
        }
        // At most 200 of each column.
        let q = BoardQuery {
            per_column: 5000,
            ..Default::default()
        };
        let head = store.board_page(&lab, &q).unwrap();
        let most = head.columns.iter().map(|c| c.count.min(200)).sum::<u32>();
        assert_eq!(head.cards.len() as u32, most);
        // A page of 1,000 cards is read in several statements, in the page's order.
        let q = BoardQuery {
            sort: BoardSort::Title,
            limit: 1000,
            group_by: BoardGrouping::Status,
            ..Default::default()
        };
        let page = store.board_page(&lab, &q).unwrap();
        assert_eq!(page.cards.len(), 1000);
        let titles: Vec<String> = page.cards.iter().map(|c| c.title.to_lowercase()).collect();
        assert!(titles.windows(2).all(|w| w[0] <= w[1]), "sorted by title");
    }

    #[test]
    fn filters_and_search_with_marked_matches_and_a_not_set_column() {
        let (_dir, store, lab) = demo();
        let q = BoardQuery {
            group_by: BoardGrouping::Tahapan,
            text: "sampah".into(),
            ..Default::default()
        };
        let page = store.board_page(&lab, &q).unwrap();
        assert!(page.total >= 1);
        for c in &page.cards {
            let s = c.snippet.as_deref().unwrap();
            assert!(s.contains("\u{E000}"), "{s}");
            assert!(s.to_lowercase().contains("sampah"), "{s}");
        }
        // Bentuk and lab day filters combine.
        let q = BoardQuery {
            bentuk: vec!["tata_kelola".into()],
            lab_day: Some(1),
            ..Default::default()
        };
        let page = store.board_page(&lab, &q).unwrap();
        assert!(page
            .cards
            .iter()
            .all(|c| c.bentuk == "tata_kelola" && c.lab_day == Some(1)));
        let all = store.list_ideas(&lab).unwrap();
        let expected = all
            .iter()
            .filter(|i| i.fields.bentuk == "tata_kelola" && i.fields.lab_day == Some(1))
            .count() as u32;
        assert_eq!(page.total, expected);
        // Ideas without a tahapan sit in a "not set" column at the end.
        store
            .update_idea(&all[0].id, IdeaPatch::new().set("tahapan", ""))
            .unwrap();
        let q = BoardQuery {
            group_by: BoardGrouping::Tahapan,
            ..Default::default()
        };
        let page = store.board_page(&lab, &q).unwrap();
        let last = page.columns.last().unwrap();
        assert_eq!(
            (last.key.as_str(), last.count, last.label_id.as_str()),
            ("", 1, "Belum diisi")
        );
        // Tags match whatever their case.
        store
            .update_idea(&all[1].id, IdeaPatch::new().set("tags", vec!["Stunting"]))
            .unwrap();
        let q = BoardQuery {
            tags: vec!["stunting".into()],
            ..Default::default()
        };
        assert_eq!(store.board_page(&lab, &q).unwrap().total, 1);
    }

    #[test]
    fn stats_count_days_agencies_and_options() {
        let (_dir, store, lab) = demo();
        let s = store.lab_stats(&lab).unwrap();
        assert_eq!((s.idea_count, s.idea_target), (50, 50));
        assert_eq!(s.per_day.len(), 3);
        assert_eq!(
            s.per_day.iter().map(|d| d.count).sum::<u32>() + s.without_day,
            50
        );
        assert_eq!(s.per_day[0].date, "2026-11-02");
        assert_eq!(s.per_agency.len(), 37);
        assert_eq!(s.agencies_without_idea.len(), 2);
        assert_eq!(
            s.per_status
                .iter()
                .find(|o| o.code == "captured")
                .unwrap()
                .count,
            42
        );
        assert_eq!(
            s.per_status
                .iter()
                .map(|o| o.code.as_str())
                .collect::<Vec<_>>(),
            ["captured", "shortlisted", "reviewed", "selected"]
        );
        assert_eq!(s.per_status[1].count, 8);
        assert_eq!(s.per_bentuk.iter().map(|o| o.count).sum::<u32>(), 50);
    }

    /// Every card of a query, all pages at once.
    fn all(store: &Store, lab: &str, q: &BoardQuery) -> crate::model::BoardPage {
        store
            .board_page(
                lab,
                &BoardQuery {
                    offset: 0,
                    limit: 1000,
                    ..q.clone()
                },
            )
            .unwrap()
    }

    #[test]
    fn each_filter_counts_what_the_ideas_say() {
        let (_dir, store, lab) = demo();
        let ideas = store.list_ideas(&lab).unwrap();
        let agencies = store.list_agencies(&lab).unwrap();
        let id_of = |code: &str| agencies.iter().find(|a| a.code == code).unwrap().id.clone();
        let count = |f: &dyn Fn(&crate::model::Idea) -> bool| -> u32 {
            ideas.iter().filter(|i| f(i)).count() as u32
        };
        let total = |q: BoardQuery| store.board_page(&lab, &q).unwrap().total;

        // Values within one filter: any of them.
        let two = vec![id_of("DINKES"), id_of("DLH")];
        assert_eq!(
            total(BoardQuery {
                agency_ids: two.clone(),
                ..Default::default()
            }),
            count(&|i| two.contains(&i.fields.agency_id))
        );
        assert_eq!(
            total(BoardQuery {
                jenis: vec!["digital".into()],
                ..Default::default()
            }),
            count(&|i| i.fields.jenis == "digital")
        );
        assert_eq!(
            total(BoardQuery {
                status: vec!["shortlisted".into(), "selected".into()],
                ..Default::default()
            }),
            8
        );
        for day in 1..=3 {
            assert_eq!(
                total(BoardQuery {
                    lab_day: Some(day),
                    ..Default::default()
                }),
                count(&|i| i.fields.lab_day == Some(day))
            );
        }
        // Filters together: all of them.
        let q = BoardQuery {
            jenis: vec!["digital".into()],
            status: vec!["captured".into()],
            lab_day: Some(2),
            ..Default::default()
        };
        let expected = count(&|i| {
            i.fields.jenis == "digital"
                && i.fields.status == "captured"
                && i.fields.lab_day == Some(2)
        });
        assert!(expected > 0);
        let page = all(&store, &lab, &q);
        assert_eq!(page.total, expected);
        assert!(page
            .cards
            .iter()
            .all(|c| c.jenis == "digital" && c.status == "captured" && c.lab_day == Some(2)));
        // The columns are still every agency; their counts are under the filters.
        assert_eq!(page.columns.len(), 37);
        assert_eq!(page.columns.iter().map(|c| c.count).sum::<u32>(), expected);
        // Nothing matches: every column is still there, all at 0.
        let none = all(
            &store,
            &lab,
            &BoardQuery {
                group_by: BoardGrouping::Bentuk,
                status: vec!["reviewed".into()],
                ..Default::default()
            },
        );
        assert_eq!(none.total, 0);
        assert!(none.cards.is_empty());
        assert_eq!(none.columns.len(), 3, "every bentuk, no \"not set\" column");
        assert!(none.columns.iter().all(|c| c.count == 0));
    }

    #[test]
    fn text_matches_every_word_like_search_and_marks_the_matches() {
        let (_dir, store, lab) = demo();
        for text in [
            "sampah",
            "pelayanan",
            "sampah digital",
            "antrean puskesmas",
            "zzz",
        ] {
            let page = all(
                &store,
                &lab,
                &BoardQuery {
                    text: text.into(),
                    ..Default::default()
                },
            );
            let found = store.search_ideas(&lab, text, 1000).unwrap();
            assert_eq!(page.total as usize, found.len(), "{text}");
            for c in &page.cards {
                let s = c.snippet.as_deref().unwrap();
                assert_eq!(
                    s.matches('\u{E000}').count(),
                    s.matches('\u{E001}').count(),
                    "{s}"
                );
                assert!(s.contains('\u{E000}'), "{text}: {s}");
            }
        }
        // An affix-tolerant match: "pelayanan" finds "Layanan ..." and marks it.
        let page = all(
            &store,
            &lab,
            &BoardQuery {
                text: "pelayanan".into(),
                ..Default::default()
            },
        );
        assert!(page.cards.iter().any(|c| c
            .snippet
            .as_deref()
            .unwrap()
            .contains("\u{E000}Layanan\u{E001}")));
        // Without a text, no snippet.
        let page = store.board_page(&lab, &BoardQuery::default()).unwrap();
        assert!(page.cards.iter().all(|c| c.snippet.is_none()));
        // A match deep in a long description: the excerpt is short and cut with "…".
        let idea = store.list_ideas(&lab).unwrap()[0].id.clone();
        let long = format!(
            "{} kata kunciunik di sini. {}",
            "awal ".repeat(60),
            "akhir ".repeat(60)
        );
        store
            .update_idea(&idea, IdeaPatch::new().set("description", long.as_str()))
            .unwrap();
        let page = store
            .board_page(
                &lab,
                &BoardQuery {
                    text: "kunciunik".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(page.total, 1);
        let s = page.cards[0].snippet.clone().unwrap();
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(s.contains("\u{E000}kunciunik\u{E001}"), "{s}");
        assert!(s.chars().count() < 200, "{s}");
    }

    #[test]
    fn sorts_within_columns_and_pages_through_the_flat_list() {
        let (_dir, store, lab) = demo();
        let agencies = store.list_agencies(&lab).unwrap();
        let position = |id: &str| agencies.iter().position(|a| a.id == id).unwrap();
        for sort in [
            BoardSort::Newest,
            BoardSort::Oldest,
            BoardSort::Title,
            BoardSort::Agency,
        ] {
            let q = BoardQuery {
                group_by: BoardGrouping::Status,
                sort,
                ..Default::default()
            };
            let page = all(&store, &lab, &q);
            assert_eq!(page.total, 50);
            for w in page.cards.windows(2) {
                let (a, b) = (&w[0], &w[1]);
                if a.group != b.group {
                    continue;
                }
                let in_order = match sort {
                    BoardSort::Newest => a.created_at >= b.created_at,
                    BoardSort::Oldest => a.created_at <= b.created_at,
                    BoardSort::Title => a.title.to_lowercase() <= b.title.to_lowercase(),
                    BoardSort::Agency => position(&a.agency_id) <= position(&b.agency_id),
                };
                assert!(in_order, "{sort:?}: {} then {}", a.title, b.title);
            }
            // Pages of 7 put together are the whole list.
            let mut paged = Vec::new();
            let mut offset = 0;
            loop {
                let p = store
                    .board_page(
                        &lab,
                        &BoardQuery {
                            offset,
                            limit: 7,
                            ..q.clone()
                        },
                    )
                    .unwrap();
                assert_eq!((p.total, p.offset), (50, offset));
                if p.cards.is_empty() {
                    break;
                }
                offset += p.cards.len() as u32;
                paged.extend(p.cards.into_iter().map(|c| c.id));
            }
            assert_eq!(
                paged,
                page.cards.iter().map(|c| c.id.clone()).collect::<Vec<_>>()
            );
        }
        // Newest first is the default, and agency is the default grouping.
        let q = BoardQuery::default();
        assert_eq!(
            (q.group_by, q.sort),
            (BoardGrouping::Agency, BoardSort::Newest)
        );
        // One column's cards, paged: the "shortlisted" column.
        let q = BoardQuery {
            group_by: BoardGrouping::Status,
            group: Some("shortlisted".into()),
            limit: 5,
            ..Default::default()
        };
        let first = store.board_page(&lab, &q).unwrap();
        let rest = store
            .board_page(
                &lab,
                &BoardQuery {
                    offset: 5,
                    ..q.clone()
                },
            )
            .unwrap();
        assert_eq!(
            (first.total, first.cards.len(), rest.cards.len()),
            (8, 5, 3)
        );
        assert!(first
            .cards
            .iter()
            .chain(&rest.cards)
            .all(|c| c.group == "shortlisted" && c.status == "shortlisted"));
        assert_eq!(first.columns.len(), 4, "the columns are all there");
    }

    #[test]
    fn retired_agencies_show_only_with_ideas_and_live_ideas_only() {
        let (_dir, store, lab) = demo();
        let agencies = store.list_agencies(&lab).unwrap();
        let find = |code: &str| agencies.iter().find(|a| a.code == code).unwrap().id.clone();
        let dinkes = find("DINKES");
        store.set_agency_retired(&dinkes, true).unwrap();
        // An agency without ideas, retired, has no column.
        let page = store.board_page(&lab, &BoardQuery::default()).unwrap();
        let empty: Vec<String> = page
            .columns
            .iter()
            .filter(|c| c.count == 0)
            .map(|c| c.key.clone())
            .collect();
        store.set_agency_retired(&empty[0], true).unwrap();
        let page = store.board_page(&lab, &BoardQuery::default()).unwrap();
        assert_eq!(page.columns.len(), 36);
        assert!(page.columns.iter().any(|c| c.key == dinkes && c.count == 2));
        assert!(page.columns.iter().all(|c| c.key != empty[0]));
        // Trashed and merged ideas are not on the board.
        let ideas = store.list_ideas(&lab).unwrap();
        store.delete_idea(&ideas[0].id).unwrap();
        store.merge_ideas(&ideas[1].id, &ideas[2].id).unwrap();
        let page = store.board_page(&lab, &BoardQuery::default()).unwrap();
        assert_eq!(page.total, 48);
        assert!(page
            .cards
            .iter()
            .all(|c| c.id != ideas[0].id && c.id != ideas[2].id));
        assert_eq!(store.lab_stats(&lab).unwrap().idea_count, 48);
        // Kanban moves are edits, in the idea's history; a bad status is refused.
        let moved = store.set_idea_status(&ideas[3].id, "reviewed").unwrap();
        assert_eq!(moved.fields.status, "reviewed");
        let last = store.history(&ideas[3].id).unwrap().pop().unwrap();
        assert_eq!(last.changes["status"]["new"], "reviewed");
        assert_eq!(
            store
                .set_idea_status(&ideas[3].id, "ditolak")
                .unwrap_err()
                .field(),
            Some("status")
        );
        // Empty means captured.
        let back = store.set_idea_status(&ideas[3].id, "").unwrap();
        assert_eq!(back.fields.status, "captured");
    }

    #[test]
    fn a_v3_database_gets_the_status_list_and_every_idea_captured() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lab.db");
        let (lab, idea) = {
            let store = Store::open(&path).unwrap();
            let lab = crate::demo::create_demo_lab(&store).unwrap().id;
            let idea = store.list_ideas(&lab).unwrap()[0].id.clone();
            (lab, idea)
        };
        {
            // What a v3 database looks like: no status, no show, no pitch, no notes.
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch(
                "DROP TABLE idea_note; DROP TABLE pitch_slot; DROP TABLE pitch_timer;
                 DROP TABLE show_state; DROP INDEX idea_live;
                 ALTER TABLE idea DROP COLUMN status;
                 DELETE FROM option_item WHERE list = 'status';
                 DROP TABLE vote_tally; DROP TABLE vote_round; DROP TABLE review_score; DROP TABLE review; DROP TABLE review_setting; DROP TABLE rubric_criterion; DROP TABLE field_clock; DROP TABLE tombstone; DROP TABLE merge_conflict;
                 PRAGMA user_version = 3;",
            )
            .unwrap();
            crate::store::test_support::drop_columns_added_after(&conn, 3);
        }
        for _ in 0..2 {
            // Opened twice: the second open finds nothing to do.
            let store = Store::open(&path).unwrap();
            assert_eq!(
                store.schema_version().unwrap(),
                crate::store::SCHEMA_VERSION
            );
            let statuses: Vec<String> = store
                .list_options(&lab)
                .unwrap()
                .into_iter()
                .filter(|o| o.list == "status")
                .map(|o| o.code)
                .collect();
            assert_eq!(
                statuses,
                ["captured", "shortlisted", "reviewed", "selected"]
            );
            assert_eq!(store.get_idea(&idea).unwrap().fields.status, "captured");
            let page = store
                .board_page(
                    &lab,
                    &BoardQuery {
                        group_by: BoardGrouping::Status,
                        ..Default::default()
                    },
                )
                .unwrap();
            assert_eq!(page.columns[0].count, 50);
            assert_eq!(store.integrity_check().unwrap(), "ok");
        }
    }
}
