-- Article pages waiting to be fetched: a durable queue shared by every ingest instance.
-- A row is the pending item itself (its submission as JSON), so a restart loses none; workers take
-- due rows with FOR UPDATE SKIP LOCKED and a lease, and a row whose lease ran out is taken over.
-- The row's id is the item's id (claimed in item_identity in the same transaction that queued it).
CREATE TABLE page_fetch (
    id               uuid PRIMARY KEY,
    url              text NOT NULL,
    -- host[:port] of url: the unit of politeness (page_host below).
    host             text NOT NULL,
    item             jsonb NOT NULL,
    feed_id          text,
    traceparent      text,
    status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'leased', 'done', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    lease_until      timestamptz,
    leased_by        text,
    -- Why the page was not used (or the last retryable failure): "http-404: ...", "robots-disallowed: ...".
    reason           text,
    -- The text the item went to Kafka with: page, pushed or feed.
    text_source      text CHECK (text_source IN ('page', 'pushed', 'feed')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The claim reads queued rows that are due and leased rows whose lease ran out; finished rows stay
-- for the record and are never scanned.
CREATE INDEX page_fetch_queued_due ON page_fetch (next_attempt_at) WHERE status = 'queued';
CREATE INDEX page_fetch_lease_expiry ON page_fetch (lease_until) WHERE status = 'leased';

-- One request per host per interval across all instances: a request first moves its host's next
-- slot forward, and only when the slot was free.
CREATE TABLE page_host (
    host          text PRIMARY KEY,
    next_slot_at  timestamptz NOT NULL
);
