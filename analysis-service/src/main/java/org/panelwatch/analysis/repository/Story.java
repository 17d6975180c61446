package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** Items of several outlets that report the same thing; the id is the first item's id. */
@Entity
@Table(name = "story")
public class Story extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "first_item_id", nullable = false)
    public UUID firstItemId;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    /** A signal of this story went out on panelwatch.signals; later items only join the story. */
    public boolean signalled;
}
