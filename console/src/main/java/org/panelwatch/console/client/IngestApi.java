package org.panelwatch.console.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/** ingest-service's feed JSON, as the console reads and writes it. */
public final class IngestApi {

    private IngestApi() {
    }

    public record FeedRequest(String url, String name, Integer pollIntervalSeconds) {
    }

    public record Feed(String id, String url, String name, int pollIntervalSeconds, Instant createdAt,
            Instant lastPolledAt, String lastStatus, String lastError, long itemsSeen, int consecutiveFailures,
            Instant nextPollAt, String kind, boolean enabled, Instant lastSuccessAt, Instant lastErrorAt) {
    }

    public record FeedList(List<Feed> items) {
    }

    public record PollResult(@JsonProperty("new") int newItems, int duplicate, String status, String error) {
    }
}
