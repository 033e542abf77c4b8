-- v9: the activity report (laporan kegiatan): attendance per agenda session (daftar
-- hadir) and the lab's report settings. Rules in store/setup/attendance.rs.

-- One attendee of one session. `attendee` is the key that lets two laptops ticking the
-- same person meet on one row: `p:<person id>` for a person of the roster, or
-- `n:<agency id>:<name folded>` for a name written in (the roster lacks them). Name and
-- agency are kept as they were when ticked (a daftar hadir is a record of the day: a
-- person removed later still came). Unticking sets `present` to 0, so a tick and an
-- untick on two laptops meet as one register (last writer wins) and nothing is deleted.
CREATE TABLE attendance (
    session_id TEXT NOT NULL REFERENCES agenda_session (id) ON DELETE CASCADE,
    attendee   TEXT NOT NULL CHECK (length(attendee) > 0),
    lab_id     TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    person_id  TEXT,
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    agency_id  TEXT REFERENCES agency (id),
    present    INTEGER NOT NULL CHECK (present IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (session_id, attendee)
) STRICT;
CREATE INDEX attendance_by_lab ON attendance (lab_id);

-- What the activity report says that the rest of the lab does not: the basis (dasar
-- pelaksanaan), the purpose (maksud dan tujuan), the follow-up agreed and the signature
-- block. One row per lab, each column its own merge register.
CREATE TABLE report_setting (
    lab_id          TEXT PRIMARY KEY REFERENCES lab (id) ON DELETE CASCADE,
    basis           TEXT NOT NULL DEFAULT '',
    purpose         TEXT NOT NULL DEFAULT '',
    follow_up       TEXT NOT NULL DEFAULT '',
    signer_name     TEXT NOT NULL DEFAULT '',
    signer_position TEXT NOT NULL DEFAULT '',
    signer_nip      TEXT NOT NULL DEFAULT '',
    sign_place      TEXT NOT NULL DEFAULT '',
    sign_date       TEXT NOT NULL DEFAULT ''
) STRICT;
