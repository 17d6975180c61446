package org.panelwatch.ingest.service;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.nio.file.Path;
import java.util.List;
import org.jboss.logging.Logger;
import org.panelwatch.ingest.catalogue.SourceCatalogue;
import org.panelwatch.ingest.catalogue.SourceCatalogue.CatalogueFeed;
import org.panelwatch.ingest.catalogue.SourceCatalogue.CatalogueSource;
import org.panelwatch.ingest.catalogue.SourceCatalogueReader;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.feed.GdeltClient;
import org.panelwatch.ingest.repository.Feed;
import org.panelwatch.ingest.repository.SourceRepository;
import org.panelwatch.ingest.repository.SourceRepository.Applied;
import org.panelwatch.ingest.repository.SourceRepository.FeedRecord;
import org.panelwatch.ingest.repository.SourceRepository.SourceRecord;

/**
 * Loads the source catalogue named by {@code panelwatch.ingest.sources.file} (PANELWATCH_SOURCES) at
 * start: creates or updates each source and its feeds by the source id, and disables what the file no
 * longer lists. A catalogue that does not pass its checks stops the start: an operator named the file,
 * and running without the sources it lists would go unnoticed.
 */
@ApplicationScoped
public class SourceCatalogueLoader {

    private static final Logger LOG = Logger.getLogger(SourceCatalogueLoader.class);

    private final SourceRepository sources;
    private final GdeltClient gdelt;
    private final IngestConfig config;

    public SourceCatalogueLoader(SourceRepository sources, GdeltClient gdelt, IngestConfig config) {
        this.sources = sources;
        this.gdelt = gdelt;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        config.sources().file().filter(file -> !file.isBlank()).ifPresent(file -> load(Path.of(file.strip())));
    }

    @Transactional
    public Applied load(Path file) {
        SourceCatalogue catalogue = SourceCatalogueReader.read(file);
        Applied applied = sources.apply(catalogue.sources().stream().map(this::record).toList());
        LOG.infof("Source catalogue %s: %d sources (%d new, %d disabled), %d feeds new, %d updated, %d disabled",
                file, catalogue.sources().size(), applied.sourcesCreated(), applied.sourcesDisabled(),
                applied.feedsCreated(), applied.feedsUpdated(), applied.feedsDisabled());
        return applied;
    }

    private SourceRecord record(CatalogueSource source) {
        int interval = Math.min(Math.max(source.pollIntervalSeconds(), config.feeds().minPollIntervalSeconds()),
                config.feeds().maxPollIntervalSeconds());
        List<FeedRecord> feeds = source.feedList().stream().map(feed -> feed(source, feed, interval)).toList();
        return new SourceRecord(source.id(), source.name().strip(), source.homepage(), source.kind(), source.country(),
                source.languages(), source.isSummaryOnly(), source.provenance().strip(), feeds);
    }

    private FeedRecord feed(CatalogueSource source, CatalogueFeed feed, int interval) {
        if (CatalogueFeed.GDELT.equals(feed.typeOrDefault())) {
            // GDELT gives headlines only: its items always ask for their page.
            return new FeedRecord(gdelt.requestUrl(feed.query().strip()), source.name().strip(), interval,
                    Feed.KIND_GDELT, true, feed.query().strip());
        }
        return new FeedRecord(feed.url().strip(), source.name().strip(), interval, Feed.KIND_RSS,
                source.isSummaryOnly(), null);
    }
}
