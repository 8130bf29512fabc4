-- The audit trail: who did what, each entry chained to the one before by a SHA-256 hash, so that changing,
-- removing or inserting a row is found by re-computing the chain (AuditTrail.verify).
CREATE TABLE audit_entry (
    seq           BIGINT                   NOT NULL PRIMARY KEY,
    at            TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(100)             NOT NULL,
    action        VARCHAR(40)              NOT NULL,
    target        VARCHAR(100),
    detail        VARCHAR(2000),
    previous_hash VARCHAR(64)              NOT NULL,
    hash          VARCHAR(64)              NOT NULL
);
CREATE INDEX audit_entry_at ON audit_entry (at);
CREATE INDEX audit_entry_actor ON audit_entry (actor);

-- The chain's head, one row: writers lock it, so entries get consecutive numbers on every node; it also tells
-- whether entries were cut off the end.
CREATE TABLE audit_head (
    id   INTEGER     NOT NULL PRIMARY KEY,
    seq  BIGINT      NOT NULL,
    hash VARCHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
