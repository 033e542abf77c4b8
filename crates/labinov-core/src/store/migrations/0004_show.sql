-- v4: where each idea stands (the board's status view), what the projector shows, the
-- pitch session, and notes typed during a pitch.

ALTER TABLE idea ADD COLUMN status TEXT NOT NULL DEFAULT 'captured';

CREATE INDEX idea_live ON idea (lab_id, deleted_at, merged_into, created_at);

-- One row per lab: the projector's mode. Presentation state, not lab data: it is not in
-- the change log and does not travel to other laptops.
CREATE TABLE show_state (
    lab_id TEXT PRIMARY KEY REFERENCES lab (id) ON DELETE CASCADE,
    mode TEXT NOT NULL DEFAULT 'wall',
    spotlight_idea_id TEXT,
    theme TEXT NOT NULL DEFAULT 'dark',
    results_released INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);

-- The presenter queue and its timer (presentation state, like show_state).
CREATE TABLE pitch_slot (
    lab_id TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    idea_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting',
    PRIMARY KEY (lab_id, idea_id)
) WITHOUT ROWID;

CREATE TABLE pitch_timer (
    lab_id TEXT PRIMARY KEY REFERENCES lab (id) ON DELETE CASCADE,
    current_idea_id TEXT,
    duration_ms INTEGER NOT NULL DEFAULT 300000,
    running INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    remaining_ms INTEGER NOT NULL DEFAULT 300000
);

-- Notes typed during a pitch: lab data, in the change log of their idea.
CREATE TABLE idea_note (
    id TEXT PRIMARY KEY,
    idea_id TEXT NOT NULL REFERENCES idea (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    installation_id TEXT NOT NULL
);
CREATE INDEX idea_note_idea ON idea_note (idea_id, created_at);
