-- v8: the room. Phones in the lab room join an opening of the participant service, send
-- proposals (ideas waiting for the facilitator), questions during a pitch with their +1s,
-- and dot-voting ballots. All of it is this laptop's room state, like drafts: it is not
-- in the change log, never merges, and bundles leave it out. What the facilitator accepts
-- becomes lab data through the normal paths (an idea, a note, a photo, a tally).

-- One opening of the room: the join code phones type or scan while it is open.
CREATE TABLE room_opening (
    id TEXT PRIMARY KEY,
    lab_id TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    join_code TEXT NOT NULL,
    ask_name INTEGER NOT NULL DEFAULT 0,
    opened_at TEXT NOT NULL,
    closed_at TEXT
);
-- At most one opening of a lab is open at a time.
CREATE UNIQUE INDEX room_opening_open ON room_opening (lab_id) WHERE closed_at IS NULL;

-- A joined phone. Only the SHA-256 of its session token is kept.
CREATE TABLE room_session (
    id TEXT PRIMARY KEY,
    opening_id TEXT NOT NULL REFERENCES room_opening (id) ON DELETE CASCADE,
    lab_id TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    token_sha256 TEXT NOT NULL UNIQUE,
    agency_id TEXT NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT '',
    joined_at TEXT NOT NULL
);
CREATE INDEX room_session_opening ON room_session (opening_id);

-- An idea sent from a phone, waiting for the facilitator (or decided).
CREATE TABLE room_proposal (
    id TEXT PRIMARY KEY,
    lab_id TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES room_session (id) ON DELETE CASCADE,
    -- Made by the phone before the first try, so a resend is recognised (also from a
    -- new session, after the phone joined again).
    submission_id TEXT NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agency (id) ON DELETE CASCADE,
    proposer_name TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL,
    problem TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    photo BLOB,
    photo_thumbnail BLOB,
    photo_name TEXT,
    photo_mime TEXT,
    photo_sha256 TEXT,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'accepted', 'merged', 'rejected')),
    -- The idea it became (accepted) or was merged into (merged).
    idea_id TEXT REFERENCES idea (id) ON DELETE SET NULL,
    submitted_at TEXT NOT NULL,
    decided_at TEXT,
    UNIQUE (lab_id, submission_id)
);
CREATE INDEX room_proposal_lab ON room_proposal (lab_id, state);

-- A question or comment from a phone, shown to the room only once approved.
CREATE TABLE room_question (
    id TEXT PRIMARY KEY,
    lab_id TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES room_session (id) ON DELETE CASCADE,
    submission_id TEXT NOT NULL,
    -- The idea being pitched when it was asked (none between pitches).
    idea_id TEXT REFERENCES idea (id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'hidden')),
    asked_at TEXT NOT NULL,
    decided_at TEXT,
    UNIQUE (lab_id, submission_id)
);
CREATE INDEX room_question_lab ON room_question (lab_id, state);

-- One +1 per phone and question.
CREATE TABLE room_plus_one (
    question_id TEXT NOT NULL REFERENCES room_question (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES room_session (id) ON DELETE CASCADE,
    PRIMARY KEY (question_id, session_id)
) WITHOUT ROWID;

-- That a phone has cast its ballot in a round (never how: only the tallies hold dots).
CREATE TABLE room_ballot (
    round_id TEXT NOT NULL REFERENCES vote_round (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES room_session (id) ON DELETE CASCADE,
    PRIMARY KEY (round_id, session_id)
) WITHOUT ROWID;
