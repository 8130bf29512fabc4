-- The tables that grow with votes, hash-partitioned by poll id (16 partitions each): a poll's ballots and
-- participation live in one partition, every query of the pipeline names the poll (so PostgreSQL reads that
-- partition only), and vacuum, index builds and a poll's erasure work on a sixteenth of the rows. The keys start
-- with the poll (a partitioned table's keys must hold its partition key); one-ballot-per-person stays the
-- participation key (poll, voter key). Existing rows are moved in this transaction. docs/scaling-the-database.md
-- says how the same keys distribute over several database nodes.

CREATE TABLE ballot_by_poll (
    poll_id     VARCHAR(36)              NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    id          VARCHAR(36)              NOT NULL,
    voter       VARCHAR(100),
    choices     VARCHAR(2000)            NOT NULL,
    accepted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    counted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (poll_id, id)
) PARTITION BY HASH (poll_id);

CREATE TABLE participation_by_poll (
    poll_id         VARCHAR(36)              NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    voter_key       VARCHAR(100)             NOT NULL,
    receipt_id      VARCHAR(36)              NOT NULL,
    idempotency_key VARCHAR(100),
    revision        INTEGER                  NOT NULL,
    accepted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (poll_id, voter_key)
) PARTITION BY HASH (poll_id);

DO $$
BEGIN
    FOR remainder IN 0..15 LOOP
        EXECUTE format('CREATE TABLE ballot_p%s PARTITION OF ballot_by_poll FOR VALUES WITH (MODULUS 16, REMAINDER %s)',
                       lpad(remainder::text, 2, '0'), remainder);
        EXECUTE format('CREATE TABLE participation_p%s PARTITION OF participation_by_poll'
                       ' FOR VALUES WITH (MODULUS 16, REMAINDER %s)', lpad(remainder::text, 2, '0'), remainder);
    END LOOP;
END
$$;

-- In the order the rows lie now: moving them adds nothing that could pair an anonymous poll's halves.
INSERT INTO ballot_by_poll (poll_id, id, voter, choices, accepted_at, counted_at)
    SELECT poll_id, id, voter, choices, accepted_at, counted_at FROM ballot ORDER BY ctid;
INSERT INTO participation_by_poll (poll_id, voter_key, receipt_id, idempotency_key, revision, accepted_at)
    SELECT poll_id, voter_key, receipt_id, idempotency_key, revision, accepted_at FROM participation ORDER BY ctid;

DROP TABLE ballot;
DROP TABLE participation;
ALTER TABLE ballot_by_poll RENAME TO ballot;
ALTER TABLE participation_by_poll RENAME TO participation;
ALTER TABLE ballot RENAME CONSTRAINT ballot_by_poll_pkey TO ballot_pkey;
ALTER TABLE ballot RENAME CONSTRAINT ballot_by_poll_poll_id_fkey TO ballot_poll_id_fkey;
ALTER TABLE participation RENAME CONSTRAINT participation_by_poll_pkey TO participation_pkey;
ALTER TABLE participation RENAME CONSTRAINT participation_by_poll_poll_id_fkey TO participation_poll_id_fkey;
-- A changed vote finds the person's counted ballot by poll and voter (the key's poll leads here too).
CREATE INDEX ballot_poll_voter ON ballot (poll_id, voter);
