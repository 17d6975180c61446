package org.panelwatch.alert.service;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.mapping.AlertMessages;
import org.panelwatch.alert.mapping.EmailContent;
import org.panelwatch.alert.repository.ClaimedDelivery;
import org.panelwatch.alert.repository.Subscription;

/**
 * Hands one delivery to its channel. Webhooks are signed per Standard Webhooks with the specification's
 * own library (v1 HMAC-SHA256 over {@code id.timestamp.body}); redirects are not followed, so a 3xx is a
 * failed attempt like any other non-2xx. E-mails go through the Quarkus Mailer.
 */
@ApplicationScoped
public class ChannelSender {

    private static final String USER_AGENT = "Panelwatch-Alerts/1 (+Standard Webhooks)";

    private final AlertConfig config;
    private final WebhookAddressPolicy addressPolicy;
    private final Mailer mailer;
    private final AlertMessages messages;
    private final HttpClient http;
    private final ExecutorService mailExecutor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "alert-mail-sender");
        t.setDaemon(true);
        return t;
    });

    public ChannelSender(AlertConfig config, WebhookAddressPolicy addressPolicy, Mailer mailer, AlertMessages messages) {
        this.config = config;
        this.addressPolicy = addressPolicy;
        this.mailer = mailer;
        this.messages = messages;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.webhook().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @PreDestroy
    void close() {
        mailExecutor.shutdownNow();
    }

    public CompletableFuture<SendResult> send(ClaimedDelivery d) {
        if (Subscription.EMAIL.equals(d.channelType())) {
            return CompletableFuture.supplyAsync(() -> sendEmail(d.channelTarget(), d.payload()), mailExecutor);
        }
        return sendWebhook(d.id(), d.channelTarget(), d.secret(), d.payload());
    }

    public CompletableFuture<SendResult> sendWebhook(String webhookId, String url, String secret, String body) {
        long started = System.nanoTime();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(SendResult.failed(null, "invalid URL: " + e.getMessage(), 0, null));
        }
        // Checked again here, after DNS: a name accepted at creation may have been re-pointed since.
        Optional<String> refusal = addressPolicy.refusal(uri);
        if (refusal.isPresent()) {
            return CompletableFuture.completedFuture(SendResult.failed(null, "refused: " + refusal.get(), millisSince(started), null));
        }
        long timestamp = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = new Webhook(secret).sign(webhookId, timestamp, body);
        } catch (WebhookSigningException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(SendResult.failed(null, "cannot sign: " + e.getMessage(), 0, null));
        }
        Duration total = config.webhook().totalTimeout();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(total)
                .header("content-type", "application/json")
                .header("user-agent", USER_AGENT)
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .orTimeout(total.toMillis(), TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    long ms = millisSince(started);
                    if (failure != null) {
                        return SendResult.failed(null, describe(failure), ms, null);
                    }
                    int status = response.statusCode();
                    if (status >= 200 && status < 300) {
                        return SendResult.ok(status, ms);
                    }
                    Duration retryAfter = (status == 429 || status == 503)
                            ? retryAfter(response.headers().firstValue("retry-after").orElse(null))
                            : null;
                    return SendResult.failed(status, "HTTP " + status, ms, retryAfter);
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
            return SendResult.failed(null, "SMTP: " + e.getMessage(), millisSince(started), null);
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

    private static String describe(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof HttpConnectTimeoutException) {
            return "connect timeout";
        }
        if (t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return "timeout";
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long millisSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
