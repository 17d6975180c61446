package org.panelwatch.analysis.api;

import java.time.Instant;

/**
 * What the service tags with: the topic catalogue's version and size, and the UN list, with the date the
 * UN generated it and how its last refresh went.
 */
public record CatalogueInfo(String version, int topics, UnList unList) {

    /**
     * @param source  {@code bundled}, the operator's file, or the URL it was fetched from
     * @param lastRefresh null until the first refresh ran
     */
    public record UnList(String dateGenerated, int individuals, int entities, String source, Instant fetchedAt,
            UnListRefresh lastRefresh) {
    }
}
