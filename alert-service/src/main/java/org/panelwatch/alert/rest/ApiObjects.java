package org.panelwatch.alert.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.rest.constraint.DeliverableChannel;
import org.panelwatch.alert.rest.constraint.EmailAddress;
import org.panelwatch.alert.rest.constraint.FilterTerms;
import org.panelwatch.alert.rest.constraint.FilterTerms.Kind;
import org.panelwatch.alert.rest.constraint.Name;

/**
 * The JSON objects of the Alert API, separate from the stored rows. Requests carry their rules and limits
 * as constraints, checked before a resource calls a service, so one 422 lists every bad field.
 */
public final class ApiObjects {

    private static final String MODES =
            Subscription.IMMEDIATE + "|" + Subscription.DIGEST_HOURLY + "|" + Subscription.DIGEST_DAILY;

    private ApiObjects() {
    }

    public record SubscriberRequest(@Name String name, @EmailAddress String email) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SubscriberCreated(UUID id, String name, String email, String apiKey, Instant createdAt) {
    }

    public record SubscriberKey(UUID id, String apiKey) {
    }

    /** A webhook subscription's new signing secret, and until when the one it replaced still signs. */
    public record SecretRotated(UUID subscriptionId, String secret, Instant previousSecretValidUntil) {
    }

    @DeliverableChannel
    public record ChannelRequest(String type, String url, String address) {
    }

    public record FilterRequest(
            @FilterTerms(Kind.SIGNAL_TYPE) List<String> signalTypes,
            @FilterTerms(Kind.TOPIC) List<String> topics,
            @DecimalMin(value = "0", message = "must be between 0 and 1")
            @DecimalMax(value = "1", message = "must be between 0 and 1") Double minScore,
            @FilterTerms(Kind.KEYWORD) List<String> keywords,
            @FilterTerms(Kind.LANGUAGE) List<String> languages) {
    }

    public record SubscriptionRequest(
            @Name String name,
            @NotNull(message = "is required") @Valid ChannelRequest channel,
            @Valid FilterRequest filter,
            @Pattern(regexp = MODES, message = "must be one of immediate, digest-hourly, digest-daily") String mode,
            Boolean active,
            UUID subscriberId) {
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
