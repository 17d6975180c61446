package org.panelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.panelwatch.ingest.repository.FeedRepository;
import org.panelwatch.ingest.repository.SourceRepository.Applied;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class SourceCatalogueLoaderTest {

    private static final Path CATALOGUE = Paths.get("src", "test", "resources", "sources", "catalogue-test.yaml");
    private static final Path REDUCED = Paths.get("src", "test", "resources", "sources", "catalogue-test-reduced.yaml");

    @Inject
    SourceCatalogueLoader loader;

    @Inject
    FeedRepository feeds;

    @BeforeEach
    @AfterEach
    void noSources() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ingest.feed WHERE source_id IS NOT NULL");
            st.execute("DELETE FROM ingest.source");
        }
    }

    @Test
    void loadingCreatesSourcesAndFeedsAndLoadingAgainCreatesNothing() throws Exception {
        Applied first = loader.load(CATALOGUE);
        assertThat(first.sourcesCreated()).isEqualTo(3);
        assertThat(first.feedsCreated()).isEqualTo(4);

        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.source WHERE enabled")).isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE source_id = 'test-borderlands-wire' "
                + "AND kind = 'rss' AND enabled AND NOT summary_only AND poll_interval_seconds = 900")).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE source_id = 'test-strait-monitor' "
                + "AND summary_only")).isEqualTo(1);
        assertThat(TestDatabase.string("SELECT array_to_string(languages, ',') FROM ingest.source "
                + "WHERE id = 'test-borderlands-wire'")).isEqualTo("en,ko");
        // A GDELT query becomes the DOC 2.0 artlist request it makes; its items always ask for their page.
        String gdeltUrl = TestDatabase.string("SELECT url FROM ingest.feed WHERE source_id = 'test-gdelt-ru' "
                + "AND kind = 'gdelt' AND summary_only AND query IS NOT NULL");
        assertThat(gdeltUrl).startsWith("https://api.gdeltproject.org/api/v2/doc/doc?query=")
                .contains("sourcelang%3Arussian").contains("&mode=artlist&format=json").contains("&maxrecords=250")
                .contains("&timespan=1h");
        String feedId = TestDatabase.string("SELECT id::text FROM ingest.feed WHERE url = 'https://wire.example.org/rss/all.xml'");

        Applied second = loader.load(CATALOGUE);
        assertThat(second.sourcesCreated()).isZero();
        assertThat(second.feedsCreated()).isZero();
        assertThat(second.sourcesUpdated()).isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.source")).isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE source_id IS NOT NULL")).isEqualTo(4);
        // The feed is the same feed: its id (and with it its poll history) survives a reload.
        assertThat(TestDatabase.string("SELECT id::text FROM ingest.feed WHERE url = 'https://wire.example.org/rss/all.xml'"))
                .isEqualTo(feedId);
    }

    @Test
    void whatTheCatalogueNoLongerListsIsDisabledNotDeletedAndNotPolled() throws Exception {
        loader.load(CATALOGUE);

        Applied reduced = loader.load(REDUCED);

        assertThat(reduced.sourcesDisabled()).isEqualTo(1);
        assertThat(reduced.feedsDisabled()).isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.source WHERE id = 'test-gdelt-ru' AND NOT enabled"))
                .isEqualTo(1);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE NOT enabled AND url IN "
                + "('https://wire.example.org/rss/north-korea.xml') OR (source_id = 'test-gdelt-ru' AND NOT enabled)"))
                .isEqualTo(2);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE source_id IS NOT NULL")).isEqualTo(4);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE url = 'https://wire.example.org/rss/all.xml' "
                + "AND enabled AND poll_interval_seconds = 3600")).isEqualTo(1);

        List<String> disabled = List.of(
                TestDatabase.string("SELECT id::text FROM ingest.feed WHERE url = 'https://wire.example.org/rss/north-korea.xml'"),
                TestDatabase.string("SELECT id::text FROM ingest.feed WHERE source_id = 'test-gdelt-ru'"));
        List<UUID> claimed = QuarkusTransaction.requiringNew().call(() -> feeds.claimDue("source-catalogue-test", 100, Duration.ofMinutes(5)));
        assertThat(claimed).extracting(UUID::toString).doesNotContainAnyElementsOf(disabled)
                .contains(TestDatabase.string("SELECT id::text FROM ingest.feed WHERE url = 'https://wire.example.org/rss/all.xml'"));

        // Back in the file: enabled again, the same rows.
        Applied restored = loader.load(CATALOGUE);
        assertThat(restored.sourcesCreated()).isZero();
        assertThat(restored.feedsCreated()).isZero();
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE source_id IS NOT NULL AND enabled")).isEqualTo(4);
    }

    @Test
    void instancesLoadingAtOnceCreateEachSourceAndFeedOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<Applied> load = () -> loader.load(CATALOGUE);
            List<Future<Applied>> loads = pool.invokeAll(List.of(load, load, load, load));
            int created = 0;
            for (Future<Applied> applied : loads) {
                created += applied.get().feedsCreated();
            }
            assertThat(created).isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.source")).isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE source_id IS NOT NULL")).isEqualTo(4);
    }
}
