package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A news item as stored for analysis and the read API. */
@Entity
@Table(name = "item")
public class NewsItem extends PanacheEntityBase {

    @Id
    public UUID id;
    public String url;
    @Column(nullable = false)
    public String title;
    @Column(nullable = false)
    public String body;
    public Instant published;
    public String source;
    public String lang;
    @Column(name = "external_id")
    public String externalId;
    @Column(name = "ingested_at", nullable = false)
    public Instant ingestedAt;
    @Column(name = "stored_at", nullable = false, insertable = false, updatable = false)
    public Instant storedAt;
}
