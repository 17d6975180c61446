package org.panelwatch.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One signal worth alerting on, on {@code panelwatch.signals}, keyed by item id. It carries what a
 * policy analyst needs to judge it without a second lookup: the item, the topics with the
 * resolution paragraphs they rest on, and the evidence sentences. {@link #ingestedAt()} is when
 * ingest-service accepted the item (null in events from before it): the pipeline's latency metrics
 * measure each later stage from it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignalEvent(
        int schemaVersion,
        String signalId,
        String type,
        double score,
        String severity,
        String itemId,
        String storyId,
        String title,
        String url,
        String source,
        Instant published,
        String lang,
        String text,
        List<SignalTopic> topics,
        List<Evidence> evidence,
        Instant detectedAt,
        Instant ingestedAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final String RUSSIA_DPRK_MILITARY = "russia-dprk-military";

    /** A signal that does not say when its item was ingested (the fields before {@code ingestedAt}). */
    public SignalEvent(int schemaVersion, String signalId, String type, double score, String severity, String itemId,
            String storyId, String title, String url, String source, Instant published, String lang, String text,
            List<SignalTopic> topics, List<Evidence> evidence, Instant detectedAt) {
        this(schemaVersion, signalId, type, score, severity, itemId, storyId, title, url, source, published, lang, text,
                topics, evidence, detectedAt, null);
    }

    public record SignalTopic(String id, String name, List<String> resolutions) {
    }

    /**
     * A sentence that carries the evidence, with its character offsets in the item's text, and what made
     * it count: {@code act} (materiel-moved, troops, joint-exercises, military-technology, defence-treaty,
     * defence-chiefs-on-military-ties, defence-chiefs-visit), {@code direction} (dprk-to-russia, russia-to-dprk, both, mutual,
     * unspecified) and the {@code actors} named. Added in schema version 1 as optional fields: absent
     * (null) from producers that do not explain, ignored by readers that do not know them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evidence(String sentence, int start, int end, String act, String direction, List<String> actors) {

        public Evidence(String sentence, int start, int end) {
            this(sentence, start, end, null, null, null);
        }
    }
}
