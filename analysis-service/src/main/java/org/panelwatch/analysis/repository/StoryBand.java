package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** One LSH band of an item's MinHash signature: items sharing a band are story candidates. */
@Entity
@Table(name = "story_band")
@IdClass(StoryBand.Key.class)
public class StoryBand extends PanacheEntityBase {

    /** The composite key; Hibernate needs a mutable class with the same field names. */
    public static class Key implements Serializable {
        public long bandHash;
        public UUID itemId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && bandHash == k.bandHash && Objects.equals(itemId, k.itemId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(bandHash, itemId);
        }
    }

    @Id
    @Column(name = "band_hash")
    public long bandHash;
    @Id
    @Column(name = "item_id")
    public UUID itemId;

    public static StoryBand of(long bandHash, UUID itemId) {
        StoryBand band = new StoryBand();
        band.bandHash = bandHash;
        band.itemId = itemId;
        return band;
    }
}
