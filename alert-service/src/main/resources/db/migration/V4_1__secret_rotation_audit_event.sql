-- Webhook secret rotation: the secret replaced by the last rotation keeps signing, beside the new one,
-- until previous_secret_until, so a receiver can switch secrets without missing a message.
ALTER TABLE subscription ADD COLUMN previous_secret text;
ALTER TABLE subscription ADD COLUMN previous_secret_until timestamptz;

-- Every admin action (panelwatch-common's AuditLog): who, what, on which object, when.
CREATE TABLE audit_event (
    id           bigserial PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor        text        NOT NULL,
    action       text        NOT NULL,
    target       text,
    detail       jsonb
);
CREATE INDEX audit_event_occurred_at ON audit_event (occurred_at);
CREATE INDEX audit_event_target ON audit_event (target);
