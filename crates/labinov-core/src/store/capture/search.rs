//! The search index (FTS5 table `idea_search`) and the queries on it.

use std::collections::{BTreeSet, HashSet};

use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::model::{Idea, SimilarIdea};
use crate::search::{candidates, fts_query, index_text_with, words, Match, StemCache, STOPWORDS};
use crate::store::ideas::idea_from_row;
use crate::store::{Store, Tx};

impl Tx<'_> {
    /// (Re)indexes one idea; an idea in the trash or merged away leaves the index.
    pub(crate) fn index_idea(&self, idea: &Idea) -> Result<()> {
        self.index_idea_with(idea, &mut StemCache::default())
    }

    /// [`Tx::index_idea`] for one of many ideas, with the stems of words met before.
    pub(crate) fn index_idea_with(&self, idea: &Idea, stems: &mut StemCache) -> Result<()> {
        self.unindex_idea(&idea.id)?;
        if idea.deleted_at.is_some() || idea.merged_into.is_some() {
            return Ok(());
        }
        let f = &idea.fields;
        let tags = f.tags.join(" ");
        let body = index_text_with(
            [
                f.title.as_str(),
                f.title.as_str(), // the title counts double
                &f.problem,
                &f.description,
                &f.rancang_bangun,
                &f.tujuan,
                &f.manfaat,
                &tags,
            ],
            stems,
        );
        self.execute(
            "INSERT INTO idea_search (idea_id, lab_id, body) VALUES (?1, ?2, ?3)",
            params![idea.id, idea.lab_id, body],
        )?;
        self.execute(
            "INSERT INTO idea_search_key (idea_id, fts_rowid) VALUES (?1, ?2)",
            params![idea.id, self.last_insert_rowid()],
        )?;
        Ok(())
    }

    /// Takes an idea out of the search index (found through `idea_search_key`, not by a
    /// scan of the index).
    pub(crate) fn unindex_idea(&self, idea_id: &str) -> Result<()> {
        let row: Option<i64> = self
            .query_row(
                "SELECT fts_rowid FROM idea_search_key WHERE idea_id = ?1",
                [idea_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(rowid) = row {
            self.execute("DELETE FROM idea_search WHERE rowid = ?1", [rowid])?;
            self.execute("DELETE FROM idea_search_key WHERE idea_id = ?1", [idea_id])?;
        }
        Ok(())
    }
}

/// How many of the lab's index rows the duplicate hint reads at most, whatever the lab's
/// size and however common the typed words: its time is bounded by this, not by the
/// number of ideas sharing a word.
const SIMILAR_BUDGET: u32 = 200;

impl Store {
    /// Ideas of the lab that look like `text` (a title being typed), best first: the
    /// duplicate hint. `exclude` leaves out the idea being edited.
    ///
    /// An idea must share at least two in five of the typed words (in any of their forms),
    /// and at least one: an idea sharing one word of a long title is noise. Ranking: first
    /// by how many typed words an idea shares, then by how rare the shared words are in
    /// the index (their inverse document frequency), then the newest. Coverage first,
    /// because one word with many affixed forms ("pelayanan" in a long description) must
    /// not outweigh two shared words.
    ///
    /// The cost is bounded (the issue-13 hint goal): each typed word's documents are
    /// counted up to a budget, and the candidates are read rarest word first, each query
    /// asking only for ideas holding that word and a commoner one (every idea sharing two
    /// or more words holds its rarest shared word and a commoner one), newest first, until
    /// [`SIMILAR_BUDGET`] rows were read. Nothing is ranked by bm25 over every match, which
    /// cost time in proportion to the ideas sharing a common word.
    pub fn similar_ideas(
        &self,
        lab_id: &str,
        text: &str,
        exclude: Option<&str>,
        limit: u32,
    ) -> Result<Vec<SimilarIdea>> {
        let groups = query_groups(text);
        if groups.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let needed = (groups.len() * 2).div_ceil(5).max(1);
        let conn = self.read_conn()?;

        // How common each group is: its documents in the index, counted up to the budget
        // (an FTS5 match stops at its LIMIT, so a word in half the ideas costs no more
        // than the budget; the index's vocabulary would read its whole list to count it).
        let mut count_docs = conn.prepare_cached(
            "SELECT count(*) FROM (SELECT rowid FROM idea_search WHERE idea_search MATCH ?1 LIMIT ?2)",
        )?;
        let mut ranked: Vec<(u64, &BTreeSet<String>)> = Vec::with_capacity(groups.len());
        for g in &groups {
            let docs: i64 =
                count_docs.query_row(params![group_expr(g), SIMILAR_BUDGET], |r| r.get(0))?;
            ranked.push((docs.max(0) as u64, g));
        }
        ranked.sort_by_key(|(docs, _)| *docs);
        // Among ideas sharing as many words, the rarer the shared words the closer: the
        // sum of their inverse document frequencies, ln(N/df), ranks them; N is the same
        // for all, so -ln(df + 1) per shared word ranks them alike without counting N.
        let rarity_of = |docs: u64| -((docs as f64) + 1.0).ln();

        // Every typed form with the groups (bits, in `ranked`'s order) it belongs to.
        let mut forms: Vec<(&str, u64)> = Vec::new();
        for (i, (_, g)) in ranked.iter().enumerate() {
            for form in g.iter() {
                forms.push((form.as_str(), 1 << i));
            }
        }
        forms.sort_unstable();
        forms.dedup_by(|b, a| {
            let same = a.0 == b.0;
            if same {
                a.1 |= b.1;
            }
            same
        });

        let mut read = conn.prepare_cached(
            "SELECT rowid, idea_id, body FROM idea_search
             WHERE idea_search MATCH ?1 AND lab_id = ?2 AND rowid NOT IN (SELECT value FROM json_each(?3))
             ORDER BY rowid DESC LIMIT ?4",
        )?;
        let mut seen: Vec<i64> = Vec::new();
        // (shared, rarity of the shared words, rowid, idea id)
        let mut hits: Vec<(usize, f64, i64, String)> = Vec::new();
        let mut budget = SIMILAR_BUDGET;
        for (i, (_, rarest)) in ranked.iter().enumerate() {
            if budget == 0 {
                break;
            }
            let commoner = &ranked[i + 1..];
            let expr = if needed >= 2 {
                if commoner.is_empty() {
                    break;
                }
                let others: Vec<String> = commoner.iter().map(|(_, g)| group_expr(g)).collect();
                format!("{} AND ({})", group_expr(rarest), others.join(" OR "))
            } else {
                group_expr(rarest)
            };
            let seen_json = serde_json::to_string(&seen)?;
            let rows = read.query_map(params![expr, lab_id, seen_json, budget], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (rowid, idea_id, body) = row?;
                budget = budget.saturating_sub(1);
                seen.push(rowid);
                if exclude == Some(idea_id.as_str()) {
                    continue;
                }
                // The groups the body holds: each token looked up among the typed forms
                // (a few dozen, sorted), not the body's hundreds of tokens hashed.
                let mut held: u64 = 0;
                for token in body.as_bytes().split(|&b| b == b' ') {
                    if let Ok(at) = forms.binary_search_by(|(f, _)| f.as_bytes().cmp(token)) {
                        held |= forms[at].1;
                    }
                }
                let (mut shared, mut rarity) = (0, 0.0);
                for (i, (docs, _)) in ranked.iter().enumerate() {
                    if held & (1 << i) != 0 {
                        shared += 1;
                        rarity += rarity_of(*docs);
                    }
                }
                if shared >= needed {
                    hits.push((shared, rarity, rowid, idea_id));
                }
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(b.2.cmp(&a.2)));
        hits.truncate(limit as usize);

        let mut describe = conn.prepare_cached(
            "SELECT i.title, a.short_name, a.name FROM idea i
             JOIN agency a ON a.id = i.agency_id WHERE i.id = ?1",
        )?;
        let mut out = Vec::with_capacity(hits.len());
        for (shared, _, _, idea_id) in hits {
            let (title, agency_short_name, agency_name) =
                describe.query_row([&idea_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            out.push(SimilarIdea {
                idea_id,
                title,
                agency_short_name,
                agency_name,
                score: shared as f64 / groups.len() as f64,
            });
        }
        Ok(out)
    }

    /// Live ideas of the lab containing every word of `text` (in any of its forms),
    /// best match first.
    pub fn search_ideas(&self, lab_id: &str, text: &str, limit: u32) -> Result<Vec<Idea>> {
        let Some(query) = fts_query(text, Match::All) else {
            return Ok(Vec::new());
        };
        let conn = self.read_conn()?;
        let cols = crate::store::ideas::select_columns("i");
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {cols} FROM idea_search s JOIN idea i ON i.id = s.idea_id
             WHERE idea_search MATCH ?1 AND s.lab_id = ?2
             ORDER BY bm25(idea_search) LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![query, lab_id, limit], idea_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// One group of candidate forms as an FTS5 expression: `("a" OR "b")`.
fn group_expr(group: &BTreeSet<String>) -> String {
    let terms: Vec<String> = group.iter().map(|c| format!("\"{c}\"")).collect();
    format!("({})", terms.join(" OR "))
}

/// The typed words the hint considers at most (a title is a handful; each is a bit of a
/// `u64` while candidates are counted).
const MAX_GROUPS: usize = 32;

/// The candidate forms of each meaningful word of `text`, the first [`MAX_GROUPS`].
fn query_groups(text: &str) -> Vec<BTreeSet<String>> {
    let mut seen = HashSet::new();
    words(text)
        .into_iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()) && seen.insert(w.clone()))
        .take(MAX_GROUPS)
        .map(|w| candidates(&w))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::Store;

    #[test]
    fn a_long_title_is_not_matched_by_ideas_sharing_one_common_word() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = crate::demo::create_demo_lab(&store).unwrap();
        // The demo has no ambulance idea. Ideas sharing only "layanan" or "jam" with the
        // title are noise; one sharing "layanan", "24" and "jam" may stay.
        let hits = store
            .similar_ideas(
                &lab.id,
                "Layanan Ambulans Gratis 24 Jam (SIAGA 112)",
                None,
                5,
            )
            .unwrap();
        assert!(hits.len() <= 1, "{hits:?}");
        for noise in [
            "Wi-Fi Publik",
            "Adminduk Malam",
            "Mal Pelayanan",
            "Lapor Jalan",
        ] {
            assert!(!hits.iter().any(|h| h.title.starts_with(noise)), "{hits:?}");
        }
        // A real near-duplicate of a demo idea still shows, with affixes and case changed.
        let hits = store
            .similar_ideas(&lab.id, "PELAPORAN jalan rusak 24 jam", None, 5)
            .unwrap();
        assert!(
            hits.first()
                .is_some_and(|h| h.title.starts_with("Lapor Jalan Rusak")),
            "{hits:?}"
        );
    }

    /// The hint reads a bounded number of index rows, rarest typed word first: an old
    /// duplicate sharing rare words is found even when thousands of newer ideas share the
    /// common ones (more than the budget), and it ranks first; the idea being edited and
    /// other labs' ideas never show.
    #[test]
    fn a_duplicate_sharing_rare_words_is_found_among_thousands_sharing_common_ones() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("lab.db")).unwrap();
        let lab = crate::demo::create_demo_lab(&store).unwrap();
        let agency = store.list_agencies(&lab.id).unwrap()[0].id.clone();
        let idea = |title: String| crate::IdeaInput {
            agency_id: agency.clone(),
            title,
            ..Default::default()
        };
        let old = store
            .add_idea(
                &lab.id,
                idea("Ambulans siaga malam untuk layanan warga".into()),
            )
            .unwrap();
        let common: Vec<_> = (0..2 * super::SIMILAR_BUDGET)
            .map(|i| idea(format!("Layanan warga terpadu nomor {i}")))
            .collect();
        store.add_ideas(&lab.id, common).unwrap();
        // Another lab's idea with the same title never shows in this lab's hint.
        let other = crate::demo::create_demo_lab(&store).unwrap();
        let other_agency = store.list_agencies(&other.id).unwrap()[0].id.clone();
        store
            .add_idea(
                &other.id,
                crate::IdeaInput {
                    agency_id: other_agency,
                    title: "Ambulans siaga malam untuk layanan warga".into(),
                    ..Default::default()
                },
            )
            .unwrap();

        let hits = store
            .similar_ideas(&lab.id, "Layanan ambulans siaga bagi warga", None, 5)
            .unwrap();
        assert_eq!(hits.first().map(|h| &h.idea_id), Some(&old.id), "{hits:?}");
        assert!(hits.len() <= 5);
        assert!(hits.iter().all(|h| h.score <= hits[0].score), "{hits:?}");

        let hits = store
            .similar_ideas(
                &lab.id,
                "Layanan ambulans siaga bagi warga",
                Some(&old.id),
                5,
            )
            .unwrap();
        assert!(hits.iter().all(|h| h.idea_id != old.id), "{hits:?}");
        // Only common words: ideas sharing them still show, newest first, within the budget.
        let hits = store
            .similar_ideas(&lab.id, "layanan warga terpadu", None, 3)
            .unwrap();
        assert_eq!(hits.len(), 3, "{hits:?}");
        assert!(
            hits[0]
                .title
                .ends_with(&format!("{}", 2 * super::SIMILAR_BUDGET - 1)),
            "{hits:?}"
        );
    }
}
