package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A topic an item is tagged with, and the passages that carry it. */
@Entity
@Table(name = "item_topic")
@IdClass(ItemTopic.Key.class)
public class ItemTopic extends PanacheEntityBase {

    /** The composite key; Hibernate needs a mutable class with the same field names. */
    public static class Key implements Serializable {
        public UUID itemId;
        public String topicId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(itemId, k.itemId) && Objects.equals(topicId, k.topicId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(itemId, topicId);
        }
    }

    @Id
    @Column(name = "item_id")
    public UUID itemId;
    @Id
    @Column(name = "topic_id")
    public String topicId;
    public double score;
    @JdbcTypeCode(SqlTypes.JSON)
    public List<StoredEvidence> evidence;
    @Column(name = "sort_at", nullable = false)
    public Instant sortAt;
}
