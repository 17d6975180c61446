package org.panelwatch.analysis.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One line of the shared devset format (id, title, body, lang, published, source_url,
 * russia_dprk_military, topics), which {@code analysis-engine/bin/evaluate --devset} scores against.
 */
public record DevsetLine(String id, String title, String body, String lang, Instant published,
        @JsonProperty("source_url") String sourceUrl,
        @JsonProperty("russia_dprk_military") boolean russiaDprkMilitary, List<String> topics) {
}
