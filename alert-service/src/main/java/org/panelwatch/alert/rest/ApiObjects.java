package org.panelwatch.alert.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON objects of the Alert API, separate from the stored rows. */
public final class ApiObjects {

    private ApiObjects() {
    }

    public record SubscriberRequest(String name, String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriberCreated(UUID id, String name, String email, String apiKey, Instant createdAt) {
    }

    public record ChannelRequest(String type, String url, String address) {
    }

    public record FilterRequest(List<String> signalTypes, List<String> topics, Double minScore, List<String> keywords,
            List<String> languages) {
    }

    public record SubscriptionRequest(String name, ChannelRequest channel, FilterRequest filter, String mode,
            Boolean active, UUID subscriberId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Channel(String type, String url, String address) {
    }

    public record Filter(List<String> signalTypes, List<String> topics, double minScore, List<String> keywords,
            List<String> languages) {
    }

    /** {@code secret} is present only in the answer that created a webhook subscription. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionView(UUID id, UUID subscriberId, String name, Channel channel, Filter filter, String mode,
            boolean active, String disabledReason, Instant failingSince, Instant nextDigestAt, Instant createdAt,
            Instant updatedAt, String secret) {
    }

    public record SubscriptionList(List<SubscriptionView> items) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AttemptView(Instant attemptedAt, Integer statusCode, String error, long durationMs) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DeliveryView(String id, UUID subscriptionId, Long alertId, String kind, String status, int attemptCount,
            Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt, Instant finishedAt,
            List<AttemptView> attempts) {
    }

    public record DeliveryList(List<DeliveryView> items) {
    }

    public record AlertView(long id, UUID subscriptionId, String signalId, String storyId, Instant createdAt, JsonNode alert) {
    }

    public record AlertList(List<AlertView> items, String nextCursor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TestView(String deliveryId, String status, Integer statusCode, String error, long durationMs) {
    }
}
