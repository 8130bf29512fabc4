-- Receipts anyone can check (API.md): each counted ballot keeps its commitment (hex SHA-256 of the voter's tracker
-- and the ballot's choices; the tracker itself is never stored), and a closed poll's counted ballots are certified
-- once: a Merkle tree over their commitments, its root signed with the results in an ES256 JWS.
ALTER TABLE ballot ADD COLUMN commitment VARCHAR(64);

-- When a poll last closed: a certificate names the close it certifies (a reopened poll closes, and is certified, anew).
ALTER TABLE poll ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
UPDATE poll SET closed_at = COALESCE(closes_at, CURRENT_TIMESTAMP) WHERE status IN ('CLOSED', 'ARCHIVED');

-- Made once per close, by whichever node is asked first (the poll's row is locked while it is made); never changed.
CREATE TABLE poll_certificate (
    poll_id     VARCHAR(36)              NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    closed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    merkle_root VARCHAR(64)              NOT NULL,
    tree_size   INTEGER                  NOT NULL,
    payload     VARCHAR(1000000)         NOT NULL,
    jws         VARCHAR(1000000)         NOT NULL,
    key_id      VARCHAR(100)             NOT NULL,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (poll_id, closed_at)
);
