package org.panelwatch.analysis.engine.matching;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.panelwatch.analysis.engine.Catalogue;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.engine.data.EngineSources;

/**
 * Builds {@link TaggingEngine}s. Building reads and validates the catalogue, the gazetteers and the UN
 * list and registers every rule with a Lucene Monitor (about a second); build once, share the instance.
 *
 * <pre>{@code
 * TaggingEngine engine = Engines.fromDefaults();               // bundled catalogue, gazetteers, UN list
 * TaggingEngine engine = Engines.builder()
 *         .catalogue(Path.of("/etc/panelwatch/catalogue.yaml"))  // optional operator files
 *         .unList(Path.of("/etc/panelwatch/consolidated.xml"))
 *         .build();                                              // throws CatalogueException when invalid
 * }</pre>
 *
 * <p>It lives beside {@link MonitorTaggingEngine}, the engine it builds, so that the root package holds only
 * the API types: every other package depends on the root, and the root on none of them (no package cycle).
 */
public final class Engines {

    private Engines() {
    }

    /** The bundled catalogue, gazetteers and UN list (DPRK part of the consolidated list of 2024-09-26). */
    public static TaggingEngine fromDefaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks a catalogue text (YAML) against the bundled gazetteers without building an engine
     * for it: for an API that accepts catalogue uploads. Returns the parsed catalogue.
     *
     * @throws CatalogueException naming the first bad rule
     */
    public static Catalogue validateCatalogue(String yaml) {
        return builder().catalogueText(yaml).build().catalogue();
    }

    public static final class Builder {
        private Path catalogue;
        private String catalogueText;
        private final List<Path> gazetteers = new ArrayList<>();
        private boolean replaceGazetteers;
        private Path unList;

        private Builder() {
        }

        /** An operator's catalogue file (YAML, same format as the bundled {@code panelwatch/catalogue.yaml}); null keeps the default. */
        public Builder catalogue(Path file) {
            this.catalogue = file;
            return this;
        }

        /** A catalogue given as text (YAML), e.g. from an upload; wins over {@link #catalogue(Path)}. */
        public Builder catalogueText(String yaml) {
            this.catalogueText = yaml;
            return this;
        }

        /** An extra gazetteer file (YAML, same format as the bundled ones), added to the bundled ones. */
        public Builder addGazetteer(Path file) {
            gazetteers.add(Objects.requireNonNull(file));
            return this;
        }

        /** Gazetteer files that replace the bundled ones entirely. */
        public Builder gazetteers(List<Path> files) {
            gazetteers.clear();
            gazetteers.addAll(files);
            replaceGazetteers = true;
            return this;
        }

        /**
         * The UN consolidated sanctions list in the UN's XML format: the DPRK extract or the full official
         * file (only {@code UN_LIST_TYPE} DPRK is used); null keeps the bundled 2024-09-26 extract.
         */
        public Builder unList(Path file) {
            this.unList = file;
            return this;
        }

        /** @throws CatalogueException when a file is unreadable or a rule is invalid, naming the rule */
        public TaggingEngine build() {
            return MonitorTaggingEngine.create(new EngineSources(catalogue, catalogueText,
                    gazetteers, replaceGazetteers, unList).load());
        }
    }
}
