package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A named actor, weapon system, place or vessel found in an item; unReference where it is UN-listed. */
@Entity
@Table(name = "item_entity")
public class ItemEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "item_id", nullable = false)
    public UUID itemId;
    public String type;
    public String name;
    @Column(name = "un_reference")
    public String unReference;
    /** The entity's id in the read API: its UN reference when listed, else a slug of type and name. */
    @Column(name = "entity_id")
    public String entityId;
    /** The item's sort_at, copied so that an entity's items are listed from this table's index alone. */
    @Column(name = "sort_at")
    public Instant sortAt;
    public String field;
    @Column(name = "start_offset")
    public int start;
    @Column(name = "end_offset")
    public int end;
}
