package org.panelwatch.ingest.catalogue;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The source catalogue file (deploy/sources/catalogue.yaml): every source Panelwatch watches, with
 * where its feed addresses come from. Read and checked by {@link SourceCatalogueReader}.
 */
public record SourceCatalogue(@JsonProperty("sources") List<CatalogueSource> sources) {

    /** What kind of publisher a source is. */
    public enum Kind {
        WIRE("wire"), OUTLET("outlet"), SPECIALIST("specialist"), THINK_TANK("think-tank"),
        GOVERNMENT("government"), UN("un"), SANCTIONS_AUTHORITY("sanctions-authority"),
        /** A search over many publishers (GDELT). */
        AGGREGATOR("aggregator");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label)) {
                    return kind;
                }
            }
            return null;
        }
    }

    /**
     * One source. {@code provenance} says which document states the feed addresses, or
     * {@code "unverified: …"} where none does; {@code summaryOnly}: its entries carry only a summary,
     * so each item asks for its page.
     */
    public record CatalogueSource(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("homepage") String homepage,
            @JsonProperty("kind") String kind,
            @JsonProperty("country") String country,
            @JsonProperty("languages") List<String> languages,
            @JsonProperty("summaryOnly") Boolean summaryOnly,
            @JsonProperty("pollIntervalSeconds") Integer pollIntervalSeconds,
            @JsonProperty("provenance") String provenance,
            @JsonProperty("feeds") List<CatalogueFeed> feeds) {

        public boolean isSummaryOnly() {
            return Boolean.TRUE.equals(summaryOnly);
        }

        public List<CatalogueFeed> feedList() {
            return feeds == null ? List.of() : feeds;
        }
    }

    /** An RSS/Atom address ({@code type: rss}, the default) or a GDELT DOC 2.0 query ({@code type: gdelt}). */
    public record CatalogueFeed(
            @JsonProperty("type") String type,
            @JsonProperty("url") String url,
            @JsonProperty("query") String query) {

        public static final String RSS = "rss";
        public static final String GDELT = "gdelt";

        public String typeOrDefault() {
            return type == null ? RSS : type;
        }
    }
}
