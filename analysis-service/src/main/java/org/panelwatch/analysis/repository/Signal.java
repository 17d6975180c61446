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

/** A signal found in an item. firstInStory: the one of its story that was published to Kafka. */
@Entity
@Table(name = "signal")
public class Signal extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "item_id", nullable = false)
    public UUID itemId;
    public String type;
    public double score;
    public String severity;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<StoredEvidence> evidence;
    @Column(name = "story_id")
    public UUID storyId;
    @Column(name = "first_in_story")
    public boolean firstInStory;
    @Column(name = "sort_at", nullable = false)
    public Instant sortAt;
    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;
}
