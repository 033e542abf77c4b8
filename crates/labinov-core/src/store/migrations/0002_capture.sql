-- Labinov schema v2: the full idea record of the official proposal form, option lists
-- kept as data per lab, the agenda, people, drafts, trash and merges, photos, search.

-- Option lists (stage, tahapan, inisiator, jenis, bentuk, urusan, tematik, benefit).
CREATE TABLE option_item (
    lab_id   TEXT NOT NULL REFERENCES lab(id) ON DELETE CASCADE,
    list     TEXT NOT NULL,
    code     TEXT NOT NULL CHECK (length(code) > 0),
    label_id TEXT NOT NULL,
    label_en TEXT NOT NULL,
    position INTEGER NOT NULL,
    retired  INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    PRIMARY KEY (lab_id, list, code)
) STRICT;

-- The rest of the proposal form. Codes refer to option_item; arrays are JSON text.
ALTER TABLE idea ADD COLUMN stage TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN lab_day INTEGER;
ALTER TABLE idea ADD COLUMN tahapan TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN inisiator TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN jenis TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN bentuk TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN urusan TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN urusan_lain TEXT NOT NULL DEFAULT '[]';
ALTER TABLE idea ADD COLUMN tematik TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN trial_date TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN rollout_date TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN rancang_bangun TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN tujuan TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN manfaat TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN hasil TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN anggaran TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN beneficiaries TEXT NOT NULL DEFAULT '';
ALTER TABLE idea ADD COLUMN benefit_types TEXT NOT NULL DEFAULT '[]';
ALTER TABLE idea ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
-- Trash: a deleted idea keeps its row until the trash is emptied.
ALTER TABLE idea ADD COLUMN deleted_at TEXT;
-- Merge: the absorbed idea points at the one it was merged into; undo clears it.
ALTER TABLE idea ADD COLUMN merged_into TEXT REFERENCES idea(id);

ALTER TABLE agency ADD COLUMN retired_at TEXT;

-- The agenda: sessions per day with their 5D stage.
CREATE TABLE agenda_session (
    id         TEXT PRIMARY KEY,
    lab_id     TEXT NOT NULL REFERENCES lab(id) ON DELETE CASCADE,
    day        INTEGER NOT NULL CHECK (day >= 1),
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL,
    title      TEXT NOT NULL,
    stage      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX agenda_by_lab ON agenda_session (lab_id, day, starts_at);

-- People: participants per agency, facilitators, coaches, reviewers.
CREATE TABLE person (
    id         TEXT PRIMARY KEY,
    lab_id     TEXT NOT NULL REFERENCES lab(id) ON DELETE CASCADE,
    agency_id  TEXT REFERENCES agency(id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    position   TEXT NOT NULL DEFAULT '',
    role       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX person_by_lab ON person (lab_id, role);

-- Drafts: the capture form as it is typed, saved every fraction of a second. A draft
-- for an existing idea carries its id; a new idea's draft has none.
CREATE TABLE draft (
    id         TEXT PRIMARY KEY,
    lab_id     TEXT NOT NULL REFERENCES lab(id) ON DELETE CASCADE,
    idea_id    TEXT REFERENCES idea(id) ON DELETE CASCADE,
    fields     TEXT NOT NULL CHECK (json_valid(fields)),
    updated_at TEXT NOT NULL
) STRICT;

-- Photos of sticky notes and flipcharts; the bytes live in the database so that a
-- snapshot or a bundle holds the whole lab.
CREATE TABLE attachment (
    id         TEXT PRIMARY KEY,
    idea_id    TEXT NOT NULL REFERENCES idea(id) ON DELETE CASCADE,
    file_name  TEXT NOT NULL,
    mime       TEXT NOT NULL,
    size       INTEGER NOT NULL,
    sha256     TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    thumbnail  BLOB,
    created_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE INDEX attachment_by_idea ON attachment (idea_id);

-- Full-text search over ideas, filled from Rust with text normalised for Indonesian
-- (case, diacritics, common affixes), so "pelayanan" finds "layanan".
CREATE VIRTUAL TABLE idea_search USING fts5 (
    idea_id UNINDEXED,
    lab_id UNINDEXED,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
