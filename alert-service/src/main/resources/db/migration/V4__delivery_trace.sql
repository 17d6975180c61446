-- What telemetry knows of an alert's delivery: the trace its signal arrived in (W3C traceparent), so
-- the webhook's send joins the trace that began at POST /api/v1/items, and when ingest-service accepted
-- the item, so the delivered stage's latency is measured from there. Kept beside the outbox rather than
-- in it: nothing about sending depends on it, and it goes with its delivery.
CREATE TABLE delivery_trace (
    delivery_id  text PRIMARY KEY REFERENCES delivery(id) ON DELETE CASCADE,
    traceparent  text,
    ingested_at  timestamptz
);
