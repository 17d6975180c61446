-- What analysts said about an item or its signal (POST /api/v1/items/{id}/feedback). Rows are only
-- added: the export replays them in order, so a later judgement overrides an earlier one and the
-- history of who said what stays.
CREATE TABLE feedback (
    id             uuid PRIMARY KEY,
    item_id        uuid        NOT NULL REFERENCES item (id),
    -- confirmed | false-alarm | missed, or null when the feedback only corrects topics or adds a note
    verdict        text,
    topics_added   jsonb       NOT NULL,
    topics_removed jsonb       NOT NULL,
    note           text,
    -- the caller: its role and its principal (for the static keys the role's own name)
    caller_role    text        NOT NULL,
    caller_id      text        NOT NULL,
    created_at     timestamptz NOT NULL
);
CREATE INDEX feedback_item_idx ON feedback (item_id, created_at);
