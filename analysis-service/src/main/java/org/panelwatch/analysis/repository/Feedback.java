package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One analyst's judgement of an item: a verdict on its signal, topic corrections, a note. */
@Entity
@Table(name = "feedback")
public class Feedback extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "item_id", nullable = false)
    public UUID itemId;
    public String verdict;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "topics_added", nullable = false)
    public List<String> topicsAdded;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "topics_removed", nullable = false)
    public List<String> topicsRemoved;
    public String note;
    @Column(name = "caller_role", nullable = false)
    public String callerRole;
    @Column(name = "caller_id", nullable = false)
    public String callerId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
