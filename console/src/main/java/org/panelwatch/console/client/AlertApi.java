package org.panelwatch.console.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** alert-service's subscription and delivery JSON, as the console reads and writes it. */
public final class AlertApi {

    private AlertApi() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Channel(String type, String url, String address) {
    }

    public record Filter(List<String> signalTypes, List<String> topics, Double minScore, List<String> keywords,
            List<String> languages) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriptionRequest(String name, Channel channel, Filter filter, String mode, Boolean active) {
    }

    public record Subscription(UUID id, UUID subscriberId, String name, Channel channel, Filter filter, String mode,
            boolean active, String disabledReason, Instant failingSince, Instant createdAt, Instant updatedAt,
            String secret) {
    }

    public record SubscriptionList(List<Subscription> items) {
    }

    public record Attempt(Instant attemptedAt, Integer statusCode, String error, long durationMs) {
    }

    public record Delivery(String id, UUID subscriptionId, Long alertId, String kind, String status, int attemptCount,
            Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant createdAt, Instant finishedAt,
            List<Attempt> attempts) {
    }

    public record DeliveryList(List<Delivery> items) {
    }

    public record TestResult(String deliveryId, String status, Integer statusCode, String error, long durationMs) {
    }
}
