-- v6: what merging laptops needs: a clock per field, tombstones for hard deletes, and
-- the log of values that lost a merge. Rules in store/merge.rs.

-- The hybrid logical clock of the last write of each field (register) of each record:
-- `hlc` is physical milliseconds << 16 | a logical counter; `origin` the installation
-- that wrote it. Order: (hlc, origin). `seen`: the version vector of the versions this
-- one was written over, `{origin: hlc}` (other origins than its own), so a merge can tell
-- an informed overwrite from a concurrent one. Stamped by `Tx::record`, the choke point
-- of every write, in the same transaction.
CREATE TABLE field_clock (
    lab_id    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       INTEGER NOT NULL,
    origin    TEXT NOT NULL,
    seen      TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (entity, entity_id, field)
) WITHOUT ROWID;
-- No index by lab: a merge reads all of a lab's clocks in one scan, and an index would
-- nearly double the table's size in every bundle.

-- Records deleted for good (emptied trash, removed people and agenda sessions). A
-- tombstone is final: the record is not brought back by a merge.
CREATE TABLE tombstone (
    lab_id    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    hlc       INTEGER NOT NULL,
    origin    TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;
CREATE INDEX tombstone_by_lab ON tombstone (lab_id);

-- Concurrent versions of a register that lost the last-writer-wins comparison (neither
-- written over the other): the conflict log. The same loss seen twice (another laptop
-- saw it too, or the same bundle merged again) is one row. `losing_seen` is the losing
-- version's own version vector.
CREATE TABLE merge_conflict (
    id            INTEGER PRIMARY KEY,
    lab_id        TEXT NOT NULL,
    entity        TEXT NOT NULL,
    entity_id     TEXT NOT NULL,
    field         TEXT NOT NULL,
    losing_value  TEXT NOT NULL CHECK (json_valid(losing_value)),
    losing_hlc    INTEGER NOT NULL,
    losing_origin TEXT NOT NULL,
    losing_seen   TEXT NOT NULL DEFAULT '{}',
    winning_hlc   INTEGER NOT NULL,
    detected_at   TEXT NOT NULL,
    resolved_at   TEXT,
    UNIQUE (entity, entity_id, field, losing_hlc, losing_origin)
) STRICT;
CREATE INDEX merge_conflict_by_lab ON merge_conflict (lab_id, resolved_at);

-- Existing databases: every field gets the clock of its last change in the log
-- (its time in ms, counter 0, the installation that wrote it), processed in log order.
INSERT INTO field_clock (lab_id, entity, entity_id, field, hlc, origin)
SELECT coalesce(c.lab_id, ''),
       CASE WHEN c.entity = 'idea' AND j.key = 'review' THEN 'review' ELSE c.entity END,
       CASE WHEN c.entity = 'idea' AND j.key = 'review'
            THEN c.entity_id || '/' || coalesce(json_extract(j.value, '$.new.reviewer'), '')
            ELSE c.entity_id END,
       CASE WHEN c.entity = 'idea' AND j.key = 'review' THEN 'review' ELSE j.key END,
       CAST(round(unixepoch(c.at, 'subsec') * 1000) AS INTEGER) << 16,
       c.installation_id
FROM change_log c, json_each(c.changes) j
WHERE c.lab_id IS NOT NULL
ORDER BY c.seq
ON CONFLICT (entity, entity_id, field) DO UPDATE
    SET hlc = excluded.hlc, origin = excluded.origin, lab_id = excluded.lab_id
    WHERE excluded.hlc >= field_clock.hlc;

INSERT OR IGNORE INTO tombstone (lab_id, entity, entity_id, hlc, origin)
SELECT c.lab_id, c.entity, c.entity_id,
       CAST(round(unixepoch(c.at, 'subsec') * 1000) AS INTEGER) << 16,
       c.installation_id
FROM change_log c
WHERE c.lab_id IS NOT NULL AND c.op = 'delete'
  AND (c.entity IN ('agenda', 'person')
       OR (c.entity = 'idea' AND json_extract(c.changes, '$.purged.new') = 1));
