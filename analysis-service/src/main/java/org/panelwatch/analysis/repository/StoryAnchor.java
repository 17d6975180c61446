package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A feature of an item's event key that singles out an event (a place, a named thing, a number, a
 * claimant), with the item's time: items of the same days sharing one are candidates for the same story.
 */
@Entity
@Table(name = "story_anchor")
@IdClass(StoryAnchor.Key.class)
public class StoryAnchor extends PanacheEntityBase {

    /** The composite key; Hibernate needs a mutable class with the same field names. */
    public static class Key implements Serializable {
        public String feature;
        public Instant sortAt;
        public UUID itemId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(feature, k.feature) && Objects.equals(sortAt, k.sortAt)
                    && Objects.equals(itemId, k.itemId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(feature, sortAt, itemId);
        }
    }

    @Id
    public String feature;
    @Id
    @Column(name = "sort_at")
    public Instant sortAt;
    @Id
    @Column(name = "item_id")
    public UUID itemId;

    public static StoryAnchor of(String feature, Instant sortAt, UUID itemId) {
        StoryAnchor anchor = new StoryAnchor();
        anchor.feature = feature;
        anchor.sortAt = sortAt;
        anchor.itemId = itemId;
        return anchor;
    }
}
