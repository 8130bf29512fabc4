-- H2 (the embedded default) cannot partition a table: the ballot table only gets the key PostgreSQL's partitioned
-- table has (poll, then id; see db/postgresql/V9), so the entities match both.
ALTER TABLE ballot DROP PRIMARY KEY;
ALTER TABLE ballot ADD PRIMARY KEY (poll_id, id);
DROP INDEX ballot_poll;
