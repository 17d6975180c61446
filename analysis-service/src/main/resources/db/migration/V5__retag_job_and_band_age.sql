-- A retag's state, so that any instance can resume it after the one running it died: the position
-- (the last item id done, items are walked in id order) moves in the same transaction as the page it
-- covers, so a resumed job neither repeats nor skips an item. owner and heartbeat_at are a lease: a
-- running job whose heartbeat is older than the lease is taken over by the next instance that looks.
CREATE TABLE retag_job (
    id              uuid PRIMARY KEY,
    -- queued | running | done | failed
    status          text        NOT NULL,
    -- admin (POST /api/v1/admin/retag) or un-list (a new UN list replaced the old one)
    trigger         text        NOT NULL,
    since           timestamptz,
    -- the UN list the job tags with (its dateGenerated); only an instance tagging with it (or with the
    -- newest stored list) resumes the job
    un_list_date    text,
    after_id        uuid        NOT NULL,
    items_processed bigint      NOT NULL DEFAULT 0,
    items_changed   bigint      NOT NULL DEFAULT 0,
    topics_before   bigint      NOT NULL DEFAULT 0,
    topics_after    bigint      NOT NULL DEFAULT 0,
    signals_before  bigint      NOT NULL DEFAULT 0,
    signals_after   bigint      NOT NULL DEFAULT 0,
    error           text,
    owner           text,
    heartbeat_at    timestamptz,
    created_at      timestamptz NOT NULL,
    started_at      timestamptz,
    finished_at     timestamptz
);
-- At most one job runs at a time across every instance.
CREATE UNIQUE INDEX retag_job_one_running ON retag_job ((true)) WHERE status = 'running';
CREATE INDEX retag_job_queued ON retag_job (created_at) WHERE status = 'queued';
-- One retag per UN list, however many instances notice the new list.
CREATE UNIQUE INDEX retag_job_per_un_list ON retag_job (un_list_date) WHERE trigger = 'un-list';

-- LSH bands are pruned once they are older than the story window (StoryBandPruning), so the table
-- holds the window's items, not every item ever stored. Existing rows get the migration's time (a
-- constant default: no table rewrite) and go one window later.
ALTER TABLE story_band ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX story_band_created_idx ON story_band (created_at);
