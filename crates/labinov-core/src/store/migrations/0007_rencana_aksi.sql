-- v7: an idea's rencana aksi (action plan), the Design stage's output (fields.rs).
ALTER TABLE idea ADD COLUMN rencana_aksi TEXT NOT NULL DEFAULT '';
