-- Webhooks (admin): where poll events are delivered, signed with the webhook's secret (Standard Webhooks).
CREATE TABLE webhook (
    id          VARCHAR(36)              NOT NULL PRIMARY KEY,
    url         VARCHAR(2000)            NOT NULL,
    events      VARCHAR(500)             NOT NULL,
    description VARCHAR(500),
    secret      VARCHAR(100)             NOT NULL,
    active      BOOLEAN                  NOT NULL,
    created_by  VARCHAR(100)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One event for one webhook, with every attempt to deliver it (the same id on each: webhook-id).
CREATE TABLE webhook_delivery (
    id               VARCHAR(40)              NOT NULL PRIMARY KEY,
    webhook_id       VARCHAR(36)              NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    type             VARCHAR(40)              NOT NULL,
    poll_id          VARCHAR(36),
    payload          VARCHAR(200000),
    status           VARCHAR(20)              NOT NULL,
    attempts         INTEGER                  NOT NULL,
    last_status_code INTEGER,
    next_attempt_at  TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_delivery_by_webhook ON webhook_delivery (webhook_id, created_at);
CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
