-- Ballots and durable tallies, written by the aggregator (BallotAggregator) in batches.

-- Who has voted in a poll: one row per person (named polls: the user name; anonymous polls: a keyed pseudonym),
-- the final guard of one-ballot-per-person. For anonymous polls it holds nothing that leads to a ballot.
CREATE TABLE participation (
    poll_id         VARCHAR(36)              NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    voter_key       VARCHAR(100)             NOT NULL,
    receipt_id      VARCHAR(36)              NOT NULL,
    idempotency_key VARCHAR(100),
    revision        INTEGER                  NOT NULL,
    accepted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (poll_id, voter_key)
);

-- The counted ballots. voter is NULL in anonymous polls; choices are option ids in order (a ranking for RANKED).
CREATE TABLE ballot (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    poll_id     VARCHAR(36)              NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    voter       VARCHAR(100),
    choices     VARCHAR(2000)            NOT NULL,
    accepted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    counted_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ballot_poll ON ballot (poll_id);
CREATE INDEX ballot_poll_voter ON ballot (poll_id, voter);

-- Durable tallies: ballots per poll, and per option (first preferences for RANKED).
CREATE TABLE poll_tally (
    poll_id VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES poll (id) ON DELETE CASCADE,
    ballots BIGINT      NOT NULL
);
CREATE TABLE option_tally (
    poll_id   VARCHAR(36) NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    option_id VARCHAR(36) NOT NULL,
    votes     BIGINT      NOT NULL,
    PRIMARY KEY (poll_id, option_id)
);
