package org.panelwatch.ingest.service;

/** What became of one submitted item: {@code accepted} (now on Kafka), {@code queued} (waiting for its article page,
 * then on Kafka), {@code duplicate} (seen before), or {@code skipped} (a feed entry without text). */
public record IngestResult(String id, Status status) {

    public enum Status {
        ACCEPTED, QUEUED, DUPLICATE, SKIPPED
    }
}
