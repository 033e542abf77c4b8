//! The search index (FTS5 table `idea_search`) and the queries on it.

use std::collections::{BTreeSet, HashSet};

use rusqlite::{params, OptionalExtension};

use crate::error::Result;
use crate::model::{Idea, SimilarIdea};
use crate::search::{candidates, fts_query, index_text, words, Match, STOPWORDS};
use crate::store::ideas::idea_from_row;
use crate::store::{Store, Tx};

impl Tx<'_> {
    /// (Re)indexes one idea; an idea in the trash or merged away leaves the index.
    pub(crate) fn index_idea(&self, idea: &Idea) -> Result<()> {
        self.unindex_idea(&idea.id)?;
        if idea.deleted_at.is_some() || idea.merged_into.is_some() {
            return Ok(());
        }
        let f = &idea.fields;
        let tags = f.tags.join(" ");
        let body = index_text([
            f.title.as_str(),
            f.title.as_str(), // the title counts double
            &f.problem,
            &f.description,
            &f.rancang_bangun,
            &f.tujuan,
            &f.manfaat,
            &tags,
        ]);
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

/// How many candidates the index is asked for before they are ranked by coverage.
const SIMILAR_POOL: u32 = 64;

impl Store {
    /// Ideas of the lab that look like `text` (a title being typed), best first: the
    /// duplicate hint. `exclude` leaves out the idea being edited.
    ///
    /// Ranking: first by how many of the typed words an idea shares (in any of their
    /// forms), then by FTS5's bm25. Coverage first, because one word with many affixed
    /// forms ("pelayanan" in a long description) must not outweigh two shared words.
    pub fn similar_ideas(
        &self,
        lab_id: &str,
        text: &str,
        exclude: Option<&str>,
        limit: u32,
    ) -> Result<Vec<SimilarIdea>> {
        let Some(query) = fts_query(text, Match::Any) else {
            return Ok(Vec::new());
        };
        let groups = query_groups(text);
        let conn = self.read_conn()?;
        let mut stmt = conn.prepare_cached(
            "SELECT s.idea_id, i.title, a.short_name, a.name, s.body, bm25(idea_search) AS rank
             FROM idea_search s
             JOIN idea i ON i.id = s.idea_id
             JOIN agency a ON a.id = i.agency_id
             WHERE idea_search MATCH ?1 AND s.lab_id = ?2 AND s.idea_id IS NOT ?3
             ORDER BY rank LIMIT ?4",
        )?;
        let rows = stmt.query_map(params![query, lab_id, exclude, SIMILAR_POOL], |r| {
            let body: String = r.get(4)?;
            let tokens: HashSet<&str> = body.split(' ').collect();
            let shared = groups
                .iter()
                .filter(|g| g.iter().any(|c| tokens.contains(c.as_str())))
                .count();
            Ok((
                shared,
                r.get::<_, f64>(5)?,
                SimilarIdea {
                    idea_id: r.get(0)?,
                    title: r.get(1)?,
                    agency_short_name: r.get(2)?,
                    agency_name: r.get(3)?,
                    score: shared as f64 / groups.len().max(1) as f64,
                },
            ))
        })?;
        // An idea sharing one word of a long title is noise, not a likely duplicate: it
        // must share at least two in five of the typed words (and at least one).
        let needed = (groups.len() * 2).div_ceil(5).max(1);
        let mut hits: Vec<(usize, f64, SimilarIdea)> = rows
            .filter(|r| r.as_ref().map_or(true, |(shared, _, _)| *shared >= needed))
            .collect::<Result<_, _>>()?;
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.total_cmp(&b.1)));
        Ok(hits.into_iter().take(limit as usize).map(|h| h.2).collect())
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

/// The candidate forms of each meaningful word of `text`.
fn query_groups(text: &str) -> Vec<BTreeSet<String>> {
    let mut seen = HashSet::new();
    words(text)
        .into_iter()
        .filter(|w| !STOPWORDS.contains(&w.as_str()) && seen.insert(w.clone()))
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
}
