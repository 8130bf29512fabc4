-- Retention and legal hold (API.md): retention_days after a poll closes, its ballots, participation records and
-- open-text answers are erased (tallies, certificate and audit trail stay, erased_at says when); a legal hold stops
-- the erasure until an admin lifts it.
ALTER TABLE poll ADD COLUMN retention_days INTEGER;
ALTER TABLE poll ADD COLUMN legal_hold BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE poll ADD COLUMN erased_at TIMESTAMP WITH TIME ZONE;
