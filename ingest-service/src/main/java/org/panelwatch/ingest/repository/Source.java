package org.panelwatch.ingest.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A source of the catalogue as last loaded; written only by {@link SourceRepository#apply}. */
@Entity
@Table(name = "source")
public class Source {

    @Id
    public String id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String homepage;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String country;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] languages;

    @Column(name = "summary_only", nullable = false)
    public boolean summaryOnly;

    public String provenance;

    @Column(nullable = false)
    public boolean enabled;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
