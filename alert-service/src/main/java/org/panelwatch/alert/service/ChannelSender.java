package org.panelwatch.alert.service;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.mapping.AlertMessages;
import org.panelwatch.alert.mapping.EmailContent;
import org.panelwatch.alert.repository.ClaimedDelivery;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.common.outbound.GuardedHttpClient;
import org.panelwatch.common.outbound.OutboundFailure;
import org.panelwatch.common.outbound.OutboundRequest;

/**
 * Hands one delivery to its channel. Webhooks are signed per Standard Webhooks with the specification's
 * own library (v1 HMAC-SHA256 over {@code id.timestamp.body}) and sent through the
 * {@link GuardedHttpClient}, which connects only to addresses the webhook address policy allows, checked
 * as it connects; redirects are not followed, so a 3xx is a failed attempt like any other non-2xx.
 * E-mails go through the Quarkus Mailer to the operator's relay.
 *
 * <p>What went wrong is told in a few fixed sentences ({@link #NOT_ALLOWED} and the others), shown in
 * the test answer and the delivery attempts: no exception text, and no difference between a refused,
 * reset or unreachable connection, which would let a subscriber map a host's open ports through
 * {@code POST /subscriptions/{id}/test}. The log keeps the detail.
 */
@ApplicationScoped
public class ChannelSender {

    static final String NOT_ALLOWED = "the address is not allowed";
    static final String UNREACHABLE = "the receiver could not be reached";
    static final String TIMED_OUT = "the receiver did not answer in time";
    static final String NOT_SIGNED = "the webhook could not be signed";
    static final String MAIL_REFUSED = "the mail relay did not accept the message";

    private static final Logger LOG = Logger.getLogger(ChannelSender.class);
    private static final String USER_AGENT = "Panelwatch-Alerts/1 (+Standard Webhooks)";

    private final AlertConfig config;
    private final GuardedHttpClient http;
    private final Mailer mailer;
    private final AlertMessages messages;
    private final ExecutorService mailExecutor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "alert-mail-sender");
        t.setDaemon(true);
        return t;
    });

    public ChannelSender(AlertConfig config, GuardedHttpClient http, Mailer mailer, AlertMessages messages) {
        this.config = config;
        this.http = http;
        this.mailer = mailer;
        this.messages = messages;
    }

    @PreDestroy
    void close() {
        mailExecutor.shutdownNow();
    }

    public CompletableFuture<SendResult> send(ClaimedDelivery d) {
        if (Subscription.EMAIL.equals(d.channelType())) {
            return CompletableFuture.supplyAsync(() -> sendEmail(d.channelTarget(), d.payload()), mailExecutor);
        }
        return sendWebhook(d.id(), d.channelTarget(), d.secret(), d.previousSecret(), d.payload());
    }

    /**
     * {@code previousSecret}, when given, signs too: Standard Webhooks puts several signatures in
     * {@code webhook-signature}, separated by spaces, and a receiver accepts the message if any matches, so
     * during a rotation's overlap a receiver still holding the old secret and one holding the new both verify.
     */
    public CompletableFuture<SendResult> sendWebhook(String webhookId, String url, String secret, String previousSecret,
            String body) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            LOG.infof("Webhook %s has an invalid URL: %s", webhookId, e.getMessage());
            return CompletableFuture.completedFuture(SendResult.failed(null, NOT_ALLOWED, 0, null));
        }
        long timestamp = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = new Webhook(secret).sign(webhookId, timestamp, body);
            if (previousSecret != null) {
                signature = signature + " " + new Webhook(previousSecret).sign(webhookId, timestamp, body);
            }
        } catch (WebhookSigningException | IllegalArgumentException e) {
            LOG.warnf("Webhook %s could not be signed: %s", webhookId, e.getMessage());
            return CompletableFuture.completedFuture(SendResult.failed(null, NOT_SIGNED, 0, null));
        }
        OutboundRequest request = OutboundRequest.post(uri, "application/json", body.getBytes(StandardCharsets.UTF_8),
                        config.webhook().totalTimeout())
                .withHeader("user-agent", USER_AGENT)
                .withHeader("webhook-id", webhookId)
                .withHeader("webhook-timestamp", Long.toString(timestamp))
                .withHeader("webhook-signature", signature);
        return http.send(request).handle((response, failure) -> {
            long ms = millisSince(started);
            if (failure != null) {
                return SendResult.failed(null, described(webhookId, failure), ms, null);
            }
            int status = response.status();
            if (status >= 200 && status < 300) {
                return SendResult.ok(status, ms);
            }
            Duration retryAfter = (status == 429 || status == 503)
                    ? retryAfter(response.header("retry-after").orElse(null))
                    : null;
            return SendResult.failed(status, answered(status), ms, retryAfter);
        });
    }

    SendResult sendEmail(String address, String body) {
        long started = System.nanoTime();
        try {
            EmailContent content = EmailContent.of(messages.read(body), config.email().subjectPrefix().orElse(null));
            mailer.send(Mail.withText(address, content.subject(), content.text())
                    .setHtml(content.html())
                    .setFrom(config.email().from()));
            return SendResult.ok(250, millisSince(started));
        } catch (RuntimeException e) {
            LOG.warnf("An e-mail was not accepted by the relay: %s", e.getMessage());
            return SendResult.failed(null, MAIL_REFUSED, millisSince(started), null);
        }
    }

    /** Retry-After is either seconds or an HTTP date (RFC 9110 section 10.2.3). */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    static String answered(int status) {
        return "the receiver answered HTTP " + status;
    }

    /** The fixed sentence for a failure; the detail goes to the log only. */
    private static String described(String webhookId, Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        OutboundFailure.Kind kind = t instanceof OutboundFailure f ? f.kind() : OutboundFailure.Kind.UNREACHABLE;
        LOG.infof("Webhook %s failed (%s): %s", webhookId, kind, t.getMessage());
        return switch (kind) {
            case NOT_ALLOWED -> NOT_ALLOWED;
            case TIMED_OUT -> TIMED_OUT;
            case UNRESOLVED, UNREACHABLE, TOO_LARGE -> UNREACHABLE;
        };
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
