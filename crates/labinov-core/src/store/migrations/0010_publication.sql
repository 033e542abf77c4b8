-- What the lab's public gallery and posters show (store/gallery.rs). Both are lab data:
-- written through Tx::record, merged per register (sync/spec.rs), carried by the bundle.

-- Per lab, whether an idea field (or the photos, `photos`) goes out. No row: the field
-- table's default (fields.rs, `public`).
CREATE TABLE gallery_field (
    lab_id TEXT NOT NULL REFERENCES lab (id) ON DELETE CASCADE,
    field  TEXT NOT NULL,
    public INTEGER NOT NULL CHECK (public IN (0, 1)),
    PRIMARY KEY (lab_id, field)
) WITHOUT ROWID;

-- Per idea, whether it goes out. No row: a live idea does; an idea in the trash or
-- merged away never does, whatever its row says.
CREATE TABLE idea_publication (
    idea_id   TEXT PRIMARY KEY REFERENCES idea (id) ON DELETE CASCADE,
    published INTEGER NOT NULL CHECK (published IN (0, 1))
) WITHOUT ROWID;
