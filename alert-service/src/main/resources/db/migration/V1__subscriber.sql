-- Subscribers of alerts; their API keys are kept only as SHA-256 hashes.
CREATE TABLE subscriber (
    id            uuid PRIMARY KEY,
    name          text        NOT NULL,
    email         text,
    api_key_hash  char(64)    NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL DEFAULT now()
);
