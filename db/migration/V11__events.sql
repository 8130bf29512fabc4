-- Events (API.md, "Events"): a join code, the polls the presenter shows one after the other, and audience questions.
-- Runs unchanged on PostgreSQL and on H2 (PostgreSQL mode).
CREATE TABLE live_event (
    id                 VARCHAR(36)              NOT NULL PRIMARY KEY,
    title              VARCHAR(200)             NOT NULL,
    code               VARCHAR(6)               NOT NULL,
    -- The code while the event is LIVE, null once it ended: unique among live events, free again afterwards.
    live_code          VARCHAR(6),
    status             VARCHAR(8)               NOT NULL,
    active_poll_id     VARCHAR(36)              REFERENCES poll (id) ON DELETE SET NULL,
    qa_enabled         BOOLEAN                  NOT NULL,
    qa_anonymous       BOOLEAN                  NOT NULL,
    qa_moderated       BOOLEAN                  NOT NULL,
    created_by         VARCHAR(100)             NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT                   NOT NULL,
    CONSTRAINT live_event_status_valid CHECK (status IN ('LIVE', 'ENDED')),
    CONSTRAINT live_event_code_while_live CHECK ((status = 'LIVE') = (live_code IS NOT NULL))
);
CREATE UNIQUE INDEX live_event_live_code ON live_event (live_code);
CREATE INDEX live_event_created ON live_event (created_at);

CREATE TABLE live_event_audience_group (
    event_id   VARCHAR(36)  NOT NULL REFERENCES live_event (id) ON DELETE CASCADE,
    group_name VARCHAR(200) NOT NULL,
    PRIMARY KEY (event_id, group_name)
);

-- A poll belongs to at most one event (the primary key), in the order it was added.
CREATE TABLE live_event_poll (
    poll_id  VARCHAR(36) NOT NULL PRIMARY KEY REFERENCES poll (id) ON DELETE CASCADE,
    event_id VARCHAR(36) NOT NULL REFERENCES live_event (id) ON DELETE CASCADE,
    added_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX live_event_poll_event ON live_event_poll (event_id, added_at);

-- An anonymous question has no author: no column, table or log line links it to whoever asked it.
CREATE TABLE question (
    id         VARCHAR(36)              NOT NULL PRIMARY KEY,
    event_id   VARCHAR(36)              NOT NULL REFERENCES live_event (id) ON DELETE CASCADE,
    text       VARCHAR(500)             NOT NULL,
    author     VARCHAR(100),
    status     VARCHAR(8)               NOT NULL,
    answered   BOOLEAN                  NOT NULL,
    pinned     BOOLEAN                  NOT NULL,
    upvotes    INTEGER                  NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version    BIGINT                   NOT NULL,
    CONSTRAINT question_status_valid CHECK (status IN ('VISIBLE', 'PENDING', 'HIDDEN'))
);
CREATE INDEX question_event ON question (event_id, created_at);

-- One upvote per person and question: the primary key holds it under concurrency.
CREATE TABLE question_upvote (
    question_id VARCHAR(36)  NOT NULL REFERENCES question (id) ON DELETE CASCADE,
    voter       VARCHAR(100) NOT NULL,
    PRIMARY KEY (question_id, voter)
);
