-- When each poll's tallies last changed (milliseconds since the epoch, the counting node's clock): what results
-- show as their "asOf", so that one tally revision is always the same representation (a strong ETag names it).
ALTER TABLE poll_tally ADD COLUMN changed_at_millis BIGINT NOT NULL DEFAULT 0;
