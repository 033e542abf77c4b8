-- Labinov schema v1: labs, agencies (OPD), ideas and the append-only change log.
-- Times are UTC RFC 3339 text; ids are UUID text (v7 for ideas).

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE lab (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    organiser   TEXT NOT NULL DEFAULT '',
    city        TEXT NOT NULL DEFAULT '',
    venue       TEXT NOT NULL DEFAULT '',
    start_date  TEXT NOT NULL,
    days        INTEGER NOT NULL CHECK (days BETWEEN 1 AND 31),
    idea_target INTEGER NOT NULL CHECK (idea_target >= 0),
    time_zone   TEXT NOT NULL DEFAULT 'Asia/Jakarta',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE agency (
    id         TEXT PRIMARY KEY,
    lab_id     TEXT NOT NULL REFERENCES lab(id) ON DELETE CASCADE,
    code       TEXT NOT NULL CHECK (length(trim(code)) > 0),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    short_name TEXT NOT NULL DEFAULT '',
    grp        TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (lab_id, code)
) STRICT;

CREATE TABLE idea (
    id                TEXT PRIMARY KEY,
    lab_id            TEXT NOT NULL REFERENCES lab(id) ON DELETE CASCADE,
    agency_id         TEXT NOT NULL REFERENCES agency(id),
    title             TEXT NOT NULL CHECK (length(trim(title)) > 0),
    proposer_name     TEXT NOT NULL DEFAULT '',
    proposer_position TEXT NOT NULL DEFAULT '',
    problem           TEXT NOT NULL DEFAULT '',
    description       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;

CREATE INDEX idea_by_lab ON idea (lab_id, created_at);
CREATE INDEX idea_by_agency ON idea (agency_id);

-- Append-only: what changed, when, on which installation. History, undo and merging
-- laptops are built on it, so rows are never rewritten or removed.
CREATE TABLE change_log (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    at              TEXT NOT NULL,
    installation_id TEXT NOT NULL,
    lab_id          TEXT,
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    op              TEXT NOT NULL CHECK (op IN ('create', 'update', 'delete')),
    changes         TEXT NOT NULL CHECK (json_valid(changes))
) STRICT;

CREATE INDEX change_log_by_entity ON change_log (entity_id, seq);

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;

CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN
    SELECT RAISE(ABORT, 'change_log is append-only');
END;
