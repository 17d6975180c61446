package org.panelwatch.ingest.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.panelwatch.ingest.catalogue.SourceCatalogue.CatalogueFeed;
import org.panelwatch.ingest.catalogue.SourceCatalogue.CatalogueSource;
import org.panelwatch.ingest.catalogue.SourceCatalogue.Kind;

class SourceCatalogueReaderTest {

    /** Maven runs the module's tests from ingest-service/. */
    private static final Path SHIPPED = Paths.get("..", "deploy", "sources", "catalogue.yaml");

    @Test
    void theShippedCatalogueHasFortySourcesOverSixLanguagesEveryEntryComplete() {
        List<CatalogueSource> sources = SourceCatalogueReader.read(SHIPPED).sources();

        assertThat(sources).hasSizeGreaterThanOrEqualTo(40);
        assertThat(sources).extracting(CatalogueSource::id).doesNotHaveDuplicates();
        Set<String> languages = new HashSet<>();
        sources.forEach(s -> languages.addAll(s.languages()));
        assertThat(languages).contains("en", "ko", "ja", "ru", "uk", "zh");
        for (CatalogueSource source : sources) {
            assertThat(source.name()).as(source.id()).isNotBlank();
            assertThat(Kind.of(source.kind())).as(source.id()).isNotNull();
            assertThat(URI.create(source.homepage()).getScheme()).as(source.id()).isIn("http", "https");
            assertThat(source.provenance()).as(source.id()).isNotBlank();
            assertThat(source.pollIntervalSeconds()).as(source.id()).isBetween(60, 86_400);
            assertThat(source.summaryOnly()).as(source.id()).isNotNull();
            for (CatalogueFeed feed : source.feedList()) {
                if (CatalogueFeed.GDELT.equals(feed.typeOrDefault())) {
                    assertThat(feed.query()).as(source.id()).isNotBlank();
                } else {
                    URI url = URI.create(feed.url());
                    assertThat(url.getScheme()).as(source.id()).isIn("http", "https");
                    assertThat(url.getHost()).as(source.id()).isNotBlank();
                }
            }
        }
        // The kinds the issue asks for are all there, and one GDELT query per language of the catalogue.
        assertThat(sources).extracting(CatalogueSource::kind).contains("wire", "outlet", "specialist", "think-tank",
                "government", "un", "sanctions-authority");
        List<CatalogueSource> gdelt = sources.stream()
                .filter(s -> s.feedList().stream().anyMatch(f -> CatalogueFeed.GDELT.equals(f.typeOrDefault()))).toList();
        assertThat(gdelt.stream().map(CatalogueSource::languages).flatMap(Collection::stream).toList())
                .containsAll(languages);
        assertThat(sources.stream().flatMap(s -> s.feedList().stream()).map(CatalogueFeed::url)
                .filter(Objects::nonNull).toList()).doesNotHaveDuplicates();
    }

    @Test
    void anInvalidCatalogueIsRefusedWithEveryProblemListed() {
        Path invalid = Paths.get("src", "test", "resources", "sources", "catalogue-invalid.yaml");

        assertThatThrownBy(() -> SourceCatalogueReader.read(invalid))
                .isInstanceOf(SourceCatalogueReader.InvalidCatalogue.class)
                .satisfies(e -> assertThat(((SourceCatalogueReader.InvalidCatalogue) e).problems()).anySatisfy(p ->
                        assertThat(p).contains("id must be")).anySatisfy(p -> assertThat(p).contains("name is required"))
                        .anySatisfy(p -> assertThat(p).contains("homepage must be"))
                        .anySatisfy(p -> assertThat(p).contains("kind must be one of"))
                        .anySatisfy(p -> assertThat(p).contains("country must be"))
                        .anySatisfy(p -> assertThat(p).contains("'english' is not an ISO 639-1 code"))
                        .anySatisfy(p -> assertThat(p).contains("pollIntervalSeconds must be"))
                        .anySatisfy(p -> assertThat(p).contains("provenance is required"))
                        .anySatisfy(p -> assertThat(p).contains("feeds[0]: url must be"))
                        .anySatisfy(p -> assertThat(p).contains("feeds[1]: a gdelt feed needs a query"))
                        .anySatisfy(p -> assertThat(p).contains("(twice): id used twice"))
                        .anySatisfy(p -> assertThat(p).contains("url used twice"))
                        .anySatisfy(p -> assertThat(p).contains("summaryOnly (true or false) is required")));
    }

    @Test
    void aMisspeltFieldIsAnErrorNotIgnored() throws Exception {
        Path file = java.nio.file.Files.createTempFile("catalogue", ".yaml");
        try {
            java.nio.file.Files.writeString(file, """
                    sources:
                      - id: one
                        name: One
                        homepage: https://one.example.org/
                        kind: outlet
                        country: KR
                        languages: [ko]
                        summaryonly: true
                        pollIntervalSeconds: 900
                        provenance: test
                    """);
            assertThatThrownBy(() -> SourceCatalogueReader.read(file))
                    .isInstanceOf(SourceCatalogueReader.InvalidCatalogue.class)
                    .hasMessageContaining("summaryonly");
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
