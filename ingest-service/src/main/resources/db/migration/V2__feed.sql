-- Feeds the service polls, with what conditional GET and back-off need between polls.
CREATE TABLE feed (
    id                    uuid PRIMARY KEY,
    url                   text NOT NULL UNIQUE,
    name                  text NOT NULL,
    poll_interval_seconds integer NOT NULL CHECK (poll_interval_seconds > 0),
    created_at            timestamptz NOT NULL DEFAULT now(),
    etag                  text,
    last_modified         text,
    last_polled_at        timestamptz,
    last_status           text,
    last_error            text,
    items_seen            bigint NOT NULL DEFAULT 0,
    consecutive_failures  integer NOT NULL DEFAULT 0,
    -- The poller claims due feeds by moving this forward, so two pollers never take the same feed.
    next_poll_at          timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX feed_next_poll_at ON feed (next_poll_at);
