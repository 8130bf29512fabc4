-- Each change to a poll's tallies bumps its revision, so a cached copy of the tallies can tell whether a change
-- is already in it, is the next one to add, or comes after one it missed (then it is read anew).
ALTER TABLE poll_tally ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
