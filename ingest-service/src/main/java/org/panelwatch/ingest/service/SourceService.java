package org.panelwatch.ingest.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.panelwatch.ingest.repository.Feed;
import org.panelwatch.ingest.repository.FeedRepository;
import org.panelwatch.ingest.repository.Source;
import org.panelwatch.ingest.repository.SourceRepository;

/** The sources of the catalogue with the health of their feeds. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class SourceService {

    /** The window of "items lately" in the health view. */
    public static final Duration RECENT = Duration.ofDays(7);

    /** A feed and the new items it brought within {@link #RECENT}. */
    public record FeedHealth(Feed feed, long recentItems) {
    }

    /** A source, its feeds, and the new items they brought within {@link #RECENT}. */
    public record SourceHealth(Source source, List<FeedHealth> feeds) {
        public long recentItems() {
            return feeds.stream().mapToLong(FeedHealth::recentItems).sum();
        }
    }

    private final SourceRepository sources;
    private final FeedRepository feeds;

    public SourceService(SourceRepository sources, FeedRepository feeds) {
        this.sources = sources;
        this.feeds = feeds;
    }

    public List<SourceHealth> list() {
        Map<UUID, Long> recent = feeds.newItemsSince(Instant.now().minus(RECENT));
        Map<String, List<Feed>> bySource = feeds.listOfSources().stream()
                .collect(Collectors.groupingBy(feed -> feed.sourceId));
        return sources.listById().stream()
                .map(source -> new SourceHealth(source, bySource.getOrDefault(source.id, List.of()).stream()
                        .map(feed -> new FeedHealth(feed, recent.getOrDefault(feed.id, 0L)))
                        .toList()))
                .toList();
    }
}
