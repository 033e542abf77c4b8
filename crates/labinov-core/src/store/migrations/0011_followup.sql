-- Follow-up after the lab (store/followup/): the structured action plan of an idea, its
-- milestones, progress updates, coaching notes, evidence files (bukti dukung) and the
-- innovation-index (IID) checklist. Every row belongs to an idea (or, for the IID
-- configuration, a lab), so removing an idea or a lab takes its follow-up with it and a
-- bundle trimmed to one lab keeps exactly that lab's follow-up. Merged by
-- sync/spec.rs (children by id; milestones and checklist answers by their natural key).

-- One per idea: who leads it (an agency of the lab; empty = the idea's own agency) and
-- the person responsible.
CREATE TABLE followup_plan (
    idea_id TEXT PRIMARY KEY REFERENCES idea (id) ON DELETE CASCADE,
    agency_id TEXT REFERENCES agency (id),
    responsible TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- Partner agencies (OPD mitra) of an idea, with their role.
CREATE TABLE followup_partner (
    id TEXT PRIMARY KEY,
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    agency_id TEXT NOT NULL REFERENCES agency (id),
    role TEXT NOT NULL DEFAULT '',
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX followup_partner_by_idea ON followup_partner (idea_id);

-- Action-plan steps.
CREATE TABLE followup_step (
    id TEXT PRIMARY KEY,
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    start_date TEXT,
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'belum',
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX followup_step_by_idea ON followup_step (idea_id, position);

-- Milestones: one per idea and innovation stage (inisiatif, uji_coba, penerapan).
CREATE TABLE followup_milestone (
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    planned_date TEXT,
    actual_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (idea_id, stage)
) STRICT;

-- Dated progress updates, by the agency.
CREATE TABLE followup_update (
    id TEXT PRIMARY KEY,
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    done TEXT NOT NULL,
    stage TEXT NOT NULL,
    percent INTEGER NOT NULL,
    agency_id TEXT REFERENCES agency (id),
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX followup_update_by_idea ON followup_update (idea_id, on_date);

-- Coaching notes (pendampingan), by a coach; kept apart from the agency's updates.
CREATE TABLE followup_coach_note (
    id TEXT PRIMARY KEY,
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    on_date TEXT NOT NULL,
    coach TEXT NOT NULL,
    text TEXT NOT NULL,
    deleted_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX followup_coach_note_by_idea ON followup_coach_note (idea_id, on_date);

-- Evidence files (bukti dukung), stored like photos: the bytes in the database.
CREATE TABLE followup_evidence (
    id TEXT PRIMARY KEY,
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    update_id TEXT,
    file_name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
) STRICT;
CREATE INDEX followup_evidence_by_idea ON followup_evidence (idea_id);

-- The IID checklist: per idea and indicator, the parameter chosen (1-based; NULL = not
-- answered) and the evidence files (a JSON array of ids) that support it.
CREATE TABLE followup_iid_answer (
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    parameter INTEGER,
    evidence TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (idea_id, indicator)
) STRICT;

-- A lab's own IID configuration (JSON, as followup/iid-2023.json); none = the shipped one.
CREATE TABLE followup_iid_config (
    lab_id TEXT PRIMARY KEY REFERENCES lab (id) ON DELETE CASCADE,
    config TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
