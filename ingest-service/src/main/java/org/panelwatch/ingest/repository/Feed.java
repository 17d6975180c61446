package org.panelwatch.ingest.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A feed the service polls, and what the last polls left for the next one. */
@Entity
@Table(name = "feed")
public class Feed {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String url;

    @Column(nullable = false)
    public String name;

    @Column(name = "poll_interval_seconds", nullable = false)
    public int pollIntervalSeconds;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public String etag;

    @Column(name = "last_modified")
    public String lastModified;

    @Column(name = "last_polled_at")
    public Instant lastPolledAt;

    @Column(name = "last_status")
    public String lastStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "items_seen", nullable = false)
    public long itemsSeen;

    @Column(name = "consecutive_failures", nullable = false)
    public int consecutiveFailures;

    @Column(name = "next_poll_at", nullable = false)
    public Instant nextPollAt;
}
