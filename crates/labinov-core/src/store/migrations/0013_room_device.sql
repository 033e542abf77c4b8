-- A phone's own id (made by its page and kept on it, apart from the session token), as
-- its SHA-256: a phone joining the lab's room again (a reload that lost its token, the
-- room closed and opened again) takes up its earlier session instead of a new one, so
-- its ballots, ideas and +1s stay its own and it cannot vote twice in a round.
ALTER TABLE room_session ADD COLUMN device_sha256 TEXT;
CREATE UNIQUE INDEX room_session_device ON room_session (lab_id, device_sha256)
    WHERE device_sha256 IS NOT NULL;
