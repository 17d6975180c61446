-- Tags, entities, signals and stories of every item, and what the read API needs to stay fast at
-- a million items: every list is keyset-paginated on (sort_at DESC, id DESC), so each filter that
-- can drive a list has an index in that order.

-- sort_at: "newest first by published, else by ingestion time" (contract, Read API).
ALTER TABLE item
    ADD COLUMN sort_at      timestamptz,
    ADD COLUMN story_id     uuid,
    ADD COLUMN duplicate_of uuid,
    -- 64-bit hash of the normalised words: exact copies, whatever their markup or spacing.
    ADD COLUMN text_hash    bigint,
    -- MinHash signature (int32 big-endian each) of the item's word shingles; see StoryDetector.
    ADD COLUMN minhash      bytea,
    -- Full-text search for q=. 'simple' (no stemming) because items come in many languages; the
    -- body is capped so one huge item cannot exceed the 1 MB tsvector limit.
    ADD COLUMN search       tsvector GENERATED ALWAYS AS
        (to_tsvector('simple'::regconfig, title || ' ' || left(body, 200000))) STORED;
UPDATE item SET sort_at = coalesce(published, ingested_at);
ALTER TABLE item ALTER COLUMN sort_at SET NOT NULL;

CREATE INDEX item_sort_idx      ON item (sort_at DESC, id DESC);
CREATE INDEX item_lang_sort_idx ON item (lang, sort_at DESC, id DESC);
CREATE INDEX item_search_idx    ON item USING gin (search);
CREATE INDEX item_story_idx     ON item (story_id);
CREATE INDEX item_text_hash_idx ON item (text_hash);

-- A story: the items of several outlets that report the same thing. Its id is its first item's id.
-- signalled: a signal of the story went out on panelwatch.signals, so later items only join it.
CREATE TABLE story (
    id            uuid PRIMARY KEY,
    first_item_id uuid        NOT NULL,
    created_at    timestamptz NOT NULL,
    signalled     boolean     NOT NULL DEFAULT false
);

-- Locality-sensitive hashing: one row per band of an item's MinHash signature. Items that share a
-- band are candidates for the same story.
CREATE TABLE story_band (
    band_hash bigint NOT NULL,
    item_id   uuid   NOT NULL,
    PRIMARY KEY (band_hash, item_id)
);

CREATE TABLE item_topic (
    item_id  uuid             NOT NULL REFERENCES item (id),
    topic_id text             NOT NULL,
    score    double precision NOT NULL,
    evidence jsonb            NOT NULL,
    -- the item's sort_at, copied so that ?topic= lists walk this index alone
    sort_at  timestamptz      NOT NULL,
    PRIMARY KEY (item_id, topic_id)
);
CREATE INDEX item_topic_topic_sort_idx ON item_topic (topic_id, sort_at DESC, item_id DESC);
CREATE INDEX item_topic_sort_idx       ON item_topic (sort_at) INCLUDE (topic_id);

CREATE TABLE item_entity (
    id           uuid PRIMARY KEY,
    item_id      uuid NOT NULL REFERENCES item (id),
    type         text NOT NULL,
    name         text NOT NULL,
    un_reference text,
    field        text,
    start_offset integer NOT NULL,
    end_offset   integer NOT NULL
);
CREATE INDEX item_entity_item_idx ON item_entity (item_id);

CREATE TABLE signal (
    id             uuid PRIMARY KEY,
    item_id        uuid             NOT NULL REFERENCES item (id),
    type           text             NOT NULL,
    score          double precision NOT NULL,
    severity       text             NOT NULL,
    evidence       jsonb            NOT NULL,
    story_id       uuid,
    -- true for the one signal of its story that was published on panelwatch.signals
    first_in_story boolean          NOT NULL,
    sort_at        timestamptz      NOT NULL,
    detected_at    timestamptz      NOT NULL
);
CREATE INDEX signal_sort_idx      ON signal (sort_at DESC, id DESC);
CREATE INDEX signal_type_sort_idx ON signal (type, sort_at DESC, id DESC);
CREATE INDEX signal_item_idx      ON signal (item_id);
