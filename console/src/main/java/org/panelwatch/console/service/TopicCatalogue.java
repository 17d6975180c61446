package org.panelwatch.console.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.panelwatch.console.client.AnalysisApi;
import org.panelwatch.console.client.AnalysisClient;
import org.panelwatch.console.client.ServiceCalls;

/**
 * analysis-service's topic catalogue (names, resolutions), kept for ten minutes: it changes only when
 * an operator replaces the catalogue, and every page with topic chips needs it.
 */
@ApplicationScoped
public class TopicCatalogue {

    private static final Duration KEEP = Duration.ofMinutes(10);

    private final AnalysisClient analysis;
    private final ServiceCalls calls;
    private volatile Map<String, AnalysisApi.Topic> topics;
    private volatile Instant fetchedAt = Instant.EPOCH;

    public TopicCatalogue(@RestClient AnalysisClient analysis, ServiceCalls calls) {
        this.analysis = analysis;
        this.calls = calls;
    }

    /** The catalogue by id, in catalogue order; fetched with the caller's key when stale. */
    public Map<String, AnalysisApi.Topic> topics(Session session) {
        Map<String, AnalysisApi.Topic> kept = topics;
        if (kept != null && fetchedAt.plus(KEEP).isAfter(Instant.now())) {
            return kept;
        }
        Map<String, AnalysisApi.Topic> fresh = new LinkedHashMap<>();
        for (AnalysisApi.Topic t : calls.call("analysis-service", () -> analysis.topics(session.bearer()))) {
            fresh.put(t.id(), t);
        }
        topics = java.util.Collections.unmodifiableMap(fresh);
        fetchedAt = Instant.now();
        return topics;
    }
}
