-- The city's archive across labs: an idea carried forward into a later lab is a new idea
-- of that lab that names the one it continues (which may be in a lab not on this laptop).
ALTER TABLE idea ADD COLUMN continues_id TEXT;
CREATE INDEX idea_by_continues ON idea (continues_id) WHERE continues_id IS NOT NULL;
