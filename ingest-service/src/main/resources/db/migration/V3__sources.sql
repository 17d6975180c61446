-- Sources: the outlets, specialists, think tanks, UN bodies and sanctions authorities Panelwatch
-- watches, loaded from the catalogue file (deploy/sources/catalogue.yaml) by their stable id.
-- A source removed from the catalogue is disabled, never deleted: its feeds' history stays.
CREATE TABLE source (
    id            text PRIMARY KEY,
    name          text NOT NULL,
    homepage      text NOT NULL,
    kind          text NOT NULL,
    country       text NOT NULL,
    languages     text[] NOT NULL,
    summary_only  boolean NOT NULL DEFAULT false,
    provenance    text,
    enabled       boolean NOT NULL DEFAULT true,
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- A feed is an RSS/Atom address or a GDELT DOC 2.0 query (url is then the API request it makes).
-- Feeds added through the API have no source; feeds of the catalogue belong to one.
ALTER TABLE feed
    ADD COLUMN source_id       text REFERENCES source (id),
    ADD COLUMN kind            text NOT NULL DEFAULT 'rss' CHECK (kind IN ('rss', 'gdelt')),
    ADD COLUMN enabled         boolean NOT NULL DEFAULT true,
    ADD COLUMN summary_only    boolean NOT NULL DEFAULT false,
    ADD COLUMN query           text,
    ADD COLUMN last_success_at timestamptz,
    ADD COLUMN last_error_at   timestamptz,
    ADD CONSTRAINT feed_gdelt_has_query CHECK (kind <> 'gdelt' OR query IS NOT NULL);

CREATE INDEX feed_source_id ON feed (source_id);

-- One row per poll, so a source's health can say how many new items its feeds brought lately.
-- Rows older than 30 days are pruned as new ones are written.
CREATE TABLE feed_poll (
    feed_id    uuid NOT NULL REFERENCES feed (id) ON DELETE CASCADE,
    polled_at  timestamptz NOT NULL DEFAULT now(),
    status     text NOT NULL,
    new_items  integer NOT NULL DEFAULT 0
);

CREATE INDEX feed_poll_feed_polled_at ON feed_poll (feed_id, polled_at);
