-- v3: the search index's row of each idea. Looking a row up by the unindexed `idea_id`
-- column scans the whole index, so re-indexing one idea cost time in proportion to the
-- lab's size; this table finds it directly.
CREATE TABLE idea_search_key (
    idea_id TEXT PRIMARY KEY,
    fts_rowid INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

INSERT INTO idea_search_key (idea_id, fts_rowid) SELECT idea_id, rowid FROM idea_search;
