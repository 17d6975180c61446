-- Stories that are events, not copies (analysis-engine's StoryMatcher): each item keeps its event key
-- (the language-independent features of what it reports, "feature=weight" separated by spaces), and
-- the features that single out an event (places, named things, numbers, claimants) are indexed with
-- the item's time, so that a new item finds the items of the same days that share one of them.
ALTER TABLE item ADD COLUMN event_key text;

CREATE TABLE story_anchor (
    feature text        NOT NULL,
    sort_at timestamptz NOT NULL,
    item_id uuid        NOT NULL,
    PRIMARY KEY (feature, sort_at, item_id)
);

-- GET /api/v1/entities/{id}: an entity's id is its UN reference (KPe.020, KPi.001) when it is listed,
-- else its type and name as a slug; the items that mention it, newest first, keyset-paginated.
ALTER TABLE item_entity
    ADD COLUMN entity_id text,
    ADD COLUMN sort_at   timestamptz;
UPDATE item_entity e SET entity_id = coalesce(e.un_reference,
        trim(both '-' from regexp_replace(lower(e.type || '-' || e.name), '[^[:alnum:]]+', '-', 'g'))),
    sort_at = i.sort_at
FROM item i WHERE i.id = e.item_id;
CREATE INDEX item_entity_entity_sort_idx ON item_entity (entity_id, sort_at DESC, item_id DESC);

-- The UN 1718 list the engine tags with, as last fetched: one row, replaced only by a list that
-- passed its checks. etag and last_modified make the next fetch conditional.
CREATE TABLE un_list (
    id             smallint PRIMARY KEY CHECK (id = 1),
    date_generated text        NOT NULL,
    content        bytea       NOT NULL,
    individuals    integer     NOT NULL,
    entities       integer     NOT NULL,
    source_url     text        NOT NULL,
    etag           text,
    last_modified  text,
    fetched_at     timestamptz NOT NULL
);
