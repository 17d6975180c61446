package org.panelwatch.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** PANELWATCH_SOURCES as an operator sets it: the catalogue it names is in the database once the service has started. */
@QuarkusTest
@TestProfile(SourceCatalogueAtStartTest.WithCatalogue.class)
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class SourceCatalogueAtStartTest {

    /** The test catalogue named by the setting PANELWATCH_SOURCES maps to. */
    public static final class WithCatalogue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("panelwatch.ingest.sources.file",
                    Paths.get("src", "test", "resources", "sources", "catalogue-test.yaml").toAbsolutePath().toString());
        }
    }

    @AfterAll
    static void noSources() throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM ingest.feed WHERE source_id IS NOT NULL");
            st.execute("DELETE FROM ingest.source");
        }
    }

    @Test
    void theNamedCatalogueIsLoadedWhenTheServiceStarts() throws Exception {
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.source WHERE enabled AND id LIKE 'test-%'")).isEqualTo(3);
        assertThat(TestDatabase.count("SELECT count(*) FROM ingest.feed WHERE source_id LIKE 'test-%'")).isEqualTo(4);
    }
}
