-- v5: review on a rubric, and dot voting.

CREATE TABLE rubric_criterion (
    lab_id TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    label_id TEXT NOT NULL,
    label_en TEXT NOT NULL,
    weight REAL NOT NULL CHECK (weight > 0),
    scale_max INTEGER NOT NULL CHECK (scale_max BETWEEN 2 AND 10),
    position INTEGER NOT NULL,
    retired INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (lab_id, code)
) WITHOUT ROWID;

CREATE TABLE review_setting (
    lab_id TEXT PRIMARY KEY REFERENCES lab (id) ON DELETE CASCADE,
    blind INTEGER NOT NULL DEFAULT 1
);

-- One review per idea and reviewer; a score keeps the scale it was given on, so a later
-- change of the rubric leaves old scores readable.
CREATE TABLE review (
    id TEXT PRIMARY KEY,
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    reviewer_id TEXT NOT NULL REFERENCES person (id),
    comment TEXT NOT NULL DEFAULT '',
    recommendation TEXT NOT NULL DEFAULT '',
    submitted_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (idea_id, reviewer_id)
);

CREATE TABLE review_score (
    review_id TEXT NOT NULL REFERENCES review (id) ON DELETE CASCADE,
    criterion TEXT NOT NULL,
    score INTEGER NOT NULL,
    scale_max INTEGER NOT NULL,
    PRIMARY KEY (review_id, criterion)
) WITHOUT ROWID;

-- Dot voting: only per-idea tallies and a ballot count are kept, never who voted what.
CREATE TABLE vote_round (
    id TEXT PRIMARY KEY,
    lab_id TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    dots INTEGER NOT NULL CHECK (dots BETWEEN 1 AND 20),
    opened_at TEXT NOT NULL,
    closed_at TEXT,
    ballots INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE vote_tally (
    round_id TEXT NOT NULL REFERENCES vote_round (id) ON DELETE CASCADE,
    idea_id TEXT NOT NULL,
    dots INTEGER NOT NULL DEFAULT 0,
    position INTEGER NOT NULL,
    PRIMARY KEY (round_id, idea_id)
) WITHOUT ROWID;
