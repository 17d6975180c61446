-- Every item id the ingest service has handed to Kafka, so a re-post or a restart re-sends nothing.
CREATE TABLE item_identity (
    id             uuid PRIMARY KEY,
    first_seen_at  timestamptz NOT NULL DEFAULT now()
);
