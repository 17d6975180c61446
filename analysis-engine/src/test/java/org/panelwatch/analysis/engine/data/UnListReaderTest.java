package org.panelwatch.analysis.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.engine.CatalogueException;

/** Reading the UN consolidated list format: the DPRK regime only, aliases, and the bundled extract. */
class UnListReaderTest {

    @Test
    void keepsOnlyDprkEntriesWithTheirAliases() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/un-list-fixture.xml")) {
            UnListReader.UnList list = UnListReader.read(in, "fixture");
            assertThat(list.dateGenerated()).isEqualTo("2030-01-02T00:00:00Z");
            assertThat(list.individuals()).singleElement().satisfies(i -> {
                assertThat(i.unReference()).isEqualTo("KPi.901");
                assertThat(i.type()).isEqualTo("un-individual");
                assertThat(i.name()).isEqualTo("Pak Test-Il");
                assertThat(i.forms().get("en")).containsExactly("PAK TEST-IL", "Pak Tessu-il");
            });
            assertThat(list.entities()).singleElement().satisfies(e -> {
                assertThat(e.unReference()).isEqualTo("KPe.901");
                assertThat(e.forms().get("en")).containsExactly("EXAMPLE TRADING GENERAL CORPORATION", "EXTRACO");
                assertThat(e.groups()).containsExactly("un-listed");
            });
        }
    }

    @Test
    void bundledExtractHas80IndividualsAnd75Entities() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/panelwatch/un/un-consolidated-list-dprk.xml")) {
            UnListReader.UnList list = UnListReader.read(in, "bundled");
            assertThat(list.individuals()).hasSize(80);
            assertThat(list.entities()).hasSize(75);
            assertThat(list.dateGenerated()).startsWith("2024-09-26");
        }
    }

    @Test
    void somethingElseIsRejected() {
        InputStream html = new ByteArrayInputStream("<html><body>no</body></html>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> UnListReader.read(html, "page.html"))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("not a UN consolidated list");
        InputStream broken = new ByteArrayInputStream("<CONSOLIDATED_LIST><INDIVIDUALS>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> UnListReader.read(broken, "broken.xml"))
                .isInstanceOf(CatalogueException.class).hasMessageContaining("broken.xml");
    }
}
