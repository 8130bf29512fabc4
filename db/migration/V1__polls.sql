-- Polls, their options and audience groups. Runs unchanged on PostgreSQL and on H2 (PostgreSQL mode).
CREATE TABLE poll (
    id                   VARCHAR(36)              NOT NULL PRIMARY KEY,
    title                VARCHAR(200)             NOT NULL,
    description          VARCHAR(2000)            NOT NULL,
    type                 VARCHAR(16)              NOT NULL,
    max_choices          INTEGER,
    anonymous            BOOLEAN                  NOT NULL,
    allow_vote_change    BOOLEAN                  NOT NULL,
    results_visibility   VARCHAR(16)              NOT NULL,
    status               VARCHAR(16)              NOT NULL,
    opens_at             TIMESTAMP WITH TIME ZONE,
    closes_at            TIMESTAMP WITH TIME ZONE,
    open_schedule_fired  BOOLEAN                  NOT NULL,
    close_schedule_fired BOOLEAN                  NOT NULL,
    created_by           VARCHAR(100)             NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    version              BIGINT                   NOT NULL,
    CONSTRAINT poll_type_valid CHECK (type IN ('SINGLE', 'MULTIPLE', 'RANKED')),
    CONSTRAINT poll_status_valid CHECK (status IN ('DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED')),
    CONSTRAINT poll_visibility_valid CHECK (results_visibility IN ('LIVE', 'AFTER_CLOSE')),
    CONSTRAINT poll_schedule_ordered CHECK (opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at)
);
CREATE INDEX poll_status_created ON poll (status, created_at);
CREATE INDEX poll_created_by ON poll (created_by);
CREATE INDEX poll_opens_at ON poll (opens_at);
CREATE INDEX poll_closes_at ON poll (closes_at);

CREATE TABLE poll_option (
    poll_id   VARCHAR(36)  NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    position  INTEGER      NOT NULL,
    option_id VARCHAR(36)  NOT NULL,
    label     VARCHAR(200) NOT NULL,
    PRIMARY KEY (poll_id, position),
    CONSTRAINT poll_option_id_unique UNIQUE (poll_id, option_id)
);

CREATE TABLE poll_audience_group (
    poll_id    VARCHAR(36)  NOT NULL REFERENCES poll (id) ON DELETE CASCADE,
    group_name VARCHAR(200) NOT NULL,
    PRIMARY KEY (poll_id, group_name)
);
CREATE INDEX poll_audience_group_name ON poll_audience_group (group_name);
