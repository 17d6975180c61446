package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A retag as stored: its status, its position (the last item id re-tagged, items go in id order),
 * its running totals, and the lease of the instance working on it. See V5__retag_job_and_band_age.sql.
 */
@Entity
@Table(name = "retag_job")
public class StoredRetagJob extends PanacheEntityBase {

    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public String trigger;
    public Instant since;
    @Column(name = "un_list_date")
    public String unListDate;
    @Column(name = "after_id", nullable = false)
    public UUID afterId = new UUID(0, 0);
    @Column(name = "items_processed", nullable = false)
    public long itemsProcessed;
    @Column(name = "items_changed", nullable = false)
    public long itemsChanged;
    @Column(name = "topics_before", nullable = false)
    public long topicsBefore;
    @Column(name = "topics_after", nullable = false)
    public long topicsAfter;
    @Column(name = "signals_before", nullable = false)
    public long signalsBefore;
    @Column(name = "signals_after", nullable = false)
    public long signalsAfter;
    public String error;
    public String owner;
    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
