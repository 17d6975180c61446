-- Subscriptions, the alerts matched to them and the outbox of deliveries (transactional outbox:
-- an alert and its pending deliveries are written in the same transaction as the signal is
-- recorded as processed, so nothing is lost and a redelivered signal is a no-op).

CREATE TABLE subscription (
    id                uuid PRIMARY KEY,
    -- NULL: created by an admin for itself.
    subscriber_id     uuid REFERENCES subscriber(id) ON DELETE CASCADE,
    name              text        NOT NULL,
    channel_type      text        NOT NULL CHECK (channel_type IN ('webhook', 'email')),
    channel_target    text        NOT NULL,
    -- whsec_ + base64, webhooks only. Needed in clear to sign, so not hashed.
    secret            text,
    filter            jsonb       NOT NULL,
    mode              text        NOT NULL CHECK (mode IN ('immediate', 'digest-hourly', 'digest-daily')),
    active            boolean     NOT NULL DEFAULT true,
    disabled_reason   text,
    -- First failure of an unbroken run of failed attempts; cleared by a success.
    failing_since     timestamptz,
    -- Digests: the end of the period now collecting. Kept here so a restart knows what is due.
    digest_due_at     timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscription_subscriber ON subscription (subscriber_id);
CREATE INDEX subscription_digest_due ON subscription (digest_due_at) WHERE digest_due_at IS NOT NULL;

-- Signals already matched: the consumer's idempotency record.
CREATE TABLE processed_signal (
    signal_id     text PRIMARY KEY,
    processed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE alert (
    -- Monotonic: the SSE event id, so Last-Event-ID resumes exactly.
    id               bigserial PRIMARY KEY,
    subscription_id  uuid        NOT NULL REFERENCES subscription(id) ON DELETE CASCADE,
    subscriber_id    uuid,
    signal_id        text        NOT NULL,
    -- The story id, or the item id when the signal has no story: one alert per story per subscription.
    story_key        text        NOT NULL,
    payload          jsonb       NOT NULL,
    -- Digest subscriptions: set when the alert went into a digest.
    digested_at      timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT alert_one_per_story UNIQUE (subscription_id, story_key)
);
CREATE INDEX alert_subscriber_id ON alert (subscriber_id, id);
CREATE INDEX alert_undigested ON alert (subscription_id) WHERE digested_at IS NULL;

CREATE TABLE delivery (
    -- Also the webhook-id: the same on every retry.
    id               text PRIMARY KEY,
    subscription_id  uuid        NOT NULL REFERENCES subscription(id) ON DELETE CASCADE,
    subscriber_id    uuid,
    alert_id         bigint      REFERENCES alert(id) ON DELETE CASCADE,
    kind             text        NOT NULL CHECK (kind IN ('alert', 'digest', 'test')),
    status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
    payload          jsonb       NOT NULL,
    attempts         int         NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    -- A claimed delivery is leased to one worker until then; an expired lease is claimed again.
    leased_until     timestamptz,
    last_status_code int,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    finished_at      timestamptz
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX delivery_subscription ON delivery (subscription_id, created_at DESC);
CREATE INDEX delivery_subscriber ON delivery (subscriber_id, created_at DESC);

CREATE TABLE delivery_attempt (
    id            bigserial PRIMARY KEY,
    delivery_id   text        NOT NULL REFERENCES delivery(id) ON DELETE CASCADE,
    attempted_at  timestamptz NOT NULL,
    status_code   int,
    error         text,
    duration_ms   int         NOT NULL
);
CREATE INDEX delivery_attempt_delivery ON delivery_attempt (delivery_id, id);
