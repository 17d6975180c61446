package org.panelwatch.ingest.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A feed the service polls, and what the last polls left for the next one: an RSS/Atom address, or
 * a GDELT DOC 2.0 query (kind {@code gdelt}, whose {@code url} is the API request the query makes).
 */
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

    /** The catalogue source this feed belongs to; null for a feed added through the API. */
    @Column(name = "source_id")
    public String sourceId;

    @Column(nullable = false)
    public String kind = KIND_RSS;

    /** A disabled feed is never polled on schedule (its source left the catalogue). */
    @Column(nullable = false)
    public boolean enabled = true;

    /** Its entries carry only a summary: each item asks the page fetch path for the article. */
    @Column(name = "summary_only", nullable = false)
    public boolean summaryOnly;

    /** The GDELT query of a {@code gdelt} feed. */
    public String query;

    @Column(name = "last_success_at")
    public Instant lastSuccessAt;

    @Column(name = "last_error_at")
    public Instant lastErrorAt;

    public static final String KIND_RSS = "rss";
    public static final String KIND_GDELT = "gdelt";

    public boolean isGdelt() {
        return KIND_GDELT.equals(kind);
    }
}
