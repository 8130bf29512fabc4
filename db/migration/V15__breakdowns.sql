-- Breakdowns that protect small groups (API.md): a poll names the registry groups its results break down by (fixed
-- once it opens); each counted ballot keeps which of them its voter belonged to as they voted (an anonymous ballot
-- keeps these groups, never the person).
CREATE TABLE poll_breakdown_group (
    poll_id    VARCHAR(36)  NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    group_name VARCHAR(200) NOT NULL,
    PRIMARY KEY (poll_id, group_name)
);

ALTER TABLE ballot ADD COLUMN breakdown_groups VARCHAR(2100);

-- What an erased poll's breakdown showed when its ballots were erased (already suppressed): like the tallies, it stays.
CREATE TABLE poll_breakdown (
    poll_id VARCHAR(36)      NOT NULL PRIMARY KEY REFERENCES poll (id) ON DELETE CASCADE,
    body    VARCHAR(1000000) NOT NULL
);

-- When the breakdown was first shown (and kept): the poll does not reopen after that, since a second close would show,
-- group by group, how the few who voted in between voted.
ALTER TABLE poll ADD COLUMN breakdown_kept_at TIMESTAMP WITH TIME ZONE;
