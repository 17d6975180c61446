package org.panelwatch.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.common.security.Roles;
import org.panelwatch.ingest.repository.Feed;
import org.panelwatch.ingest.repository.Source;
import org.panelwatch.ingest.service.SourceService;
import org.panelwatch.ingest.service.SourceService.FeedHealth;
import org.panelwatch.ingest.service.SourceService.SourceHealth;

/** The sources of the catalogue and how their feeds are doing; roles as the feed API (ingest, and admin). */
@Path("/api/v1/sources")
@RolesAllowed(Roles.INGEST)
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {

    public record FeedHealthView(String id, String kind, String url, String query, boolean enabled, boolean summaryOnly,
            int pollIntervalSeconds, Instant lastPolledAt, String lastStatus, Instant lastSuccessAt, String lastError,
            Instant lastErrorAt, int consecutiveFailures, long itemsLast7Days) {

        static FeedHealthView of(FeedHealth health) {
            Feed feed = health.feed();
            return new FeedHealthView(feed.id.toString(), feed.kind, feed.url, feed.query, feed.enabled, feed.summaryOnly,
                    feed.pollIntervalSeconds, feed.lastPolledAt, feed.lastStatus, feed.lastSuccessAt, feed.lastError,
                    feed.lastErrorAt, feed.consecutiveFailures, health.recentItems());
        }
    }

    public record SourceView(String id, String name, String homepage, String kind, String country, List<String> languages,
            boolean summaryOnly, String provenance, boolean enabled, long itemsLast7Days, List<FeedHealthView> feeds) {

        static SourceView of(SourceHealth health) {
            Source source = health.source();
            return new SourceView(source.id, source.name, source.homepage, source.kind, source.country,
                    List.of(source.languages), source.summaryOnly, source.provenance, source.enabled,
                    health.recentItems(), health.feeds().stream().map(FeedHealthView::of).toList());
        }
    }

    public record SourceList(List<SourceView> items) {
    }

    private final SourceService sources;

    public SourceResource(SourceService sources) {
        this.sources = sources;
    }

    @GET
    @Operation(summary = "Every source of the catalogue (disabled ones too) with its feeds' health: last success, "
            + "last error, new items in the last 7 days")
    public SourceList list() {
        return new SourceList(sources.list().stream().map(SourceView::of).toList());
    }
}
