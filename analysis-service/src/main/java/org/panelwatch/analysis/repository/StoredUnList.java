package org.panelwatch.analysis.repository;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The last UN list fetched that passed its checks (one row, id 1), and what makes the next fetch conditional. */
@Entity
@Table(name = "un_list")
public class StoredUnList extends PanacheEntityBase {

    public static final short ID = 1;

    @Id
    public short id = ID;
    @Column(name = "date_generated", nullable = false)
    public String dateGenerated;
    @Column(nullable = false)
    public byte[] content;
    @Column(nullable = false)
    public int individuals;
    @Column(nullable = false)
    public int entities;
    @Column(name = "source_url", nullable = false)
    public String sourceUrl;
    public String etag;
    @Column(name = "last_modified")
    public String lastModified;
    @Column(name = "fetched_at", nullable = false)
    public Instant fetchedAt;
}
