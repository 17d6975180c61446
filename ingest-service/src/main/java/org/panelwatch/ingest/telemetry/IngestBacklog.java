package org.panelwatch.ingest.telemetry;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Feed and page-fetch health as gauges read from the database, so that every instance reports the same
 * numbers: feeds whose last poll failed ({@code panelwatch_ingest_feeds{state}}) and article pages waiting
 * or being fetched ({@code panelwatch_ingest_page_queue{status}}). Read at most every ten seconds, however
 * often Prometheus scrapes.
 */
@ApplicationScoped
public class IngestBacklog {

    private static final Logger LOG = Logger.getLogger(IngestBacklog.class);
    private static final long FRESH_FOR_NANOS = 10_000_000_000L;
    private static final String QUERY = """
            SELECT (SELECT count(*) FROM ingest.feed WHERE enabled AND consecutive_failures > 0),
                   (SELECT count(*) FROM ingest.feed WHERE enabled AND consecutive_failures = 0),
                   (SELECT count(*) FROM ingest.page_fetch WHERE status = 'queued'),
                   (SELECT count(*) FROM ingest.page_fetch WHERE status = 'leased')""";

    private final AgroalDataSource dataSource;
    private volatile double[] counts = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    private volatile long readAt;

    public IngestBacklog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void register(@Observes StartupEvent event, MeterRegistry registry) {
        gauge(registry, "panelwatch.ingest.feeds", "state", "failing", 0, "Enabled feeds, by whether their last poll failed");
        gauge(registry, "panelwatch.ingest.feeds", "state", "healthy", 1, "Enabled feeds, by whether their last poll failed");
        gauge(registry, "panelwatch.ingest.page.queue", "status", "queued", 2, "Article pages waiting to be fetched");
        gauge(registry, "panelwatch.ingest.page.queue", "status", "leased", 3, "Article pages being fetched");
    }

    private void gauge(MeterRegistry registry, String name, String tag, String value, int index, String description) {
        Gauge.builder(name, this, b -> b.current()[index]).description(description).tag(tag, value).register(registry);
    }

    private synchronized double[] current() {
        long now = System.nanoTime();
        if (readAt != 0 && now - readAt < FRESH_FOR_NANOS) {
            return counts;
        }
        readAt = now;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(QUERY)) {
            rs.next();
            counts = new double[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
        } catch (SQLException e) {
            // A scrape while the database is away shows gaps, not stale numbers.
            LOG.debugf("ingest backlog not read: %s", e.getMessage());
            counts = new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        }
        return counts;
    }
}
