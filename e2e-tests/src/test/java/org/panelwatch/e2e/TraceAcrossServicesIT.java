package org.panelwatch.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One trace from {@code POST /api/v1/items} to the webhook: a stack of its own (real services, real
 * Kafka, the local PostgreSQL) exports its spans to an in-test OTLP/HTTP collector; one item pushed with
 * a {@code traceparent} of the test's becomes spans in ingest, analysis and alert that all carry the
 * test's trace id and hang together parent to child across both Kafka hops and the delivery outbox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TraceAcrossServicesIT {

    private static final String SIGNAL = "russia-dprk-military";

    private final OtlpCollector collector = new OtlpCollector();
    private final SampleNews news = new SampleNews();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private TracedStack traced;

    @BeforeAll
    void startTracedStack() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        traced = new TracedStack(collector.endpoint());
    }

    @AfterAll
    void stop() {
        try {
            if (traced != null) {
                traced.close();
            }
        } finally {
            receiver.close();
            collector.close();
        }
    }

    @Test
    void onePushedItemIsOneTraceThroughIngestAnalysisAndAlert() {
        RunningStack.Stack stack = traced.stack();
        AlertApi alerts = new AlertApi(stack);
        AlertApi.Subscriber subscriber = alerts.createSubscriber("e2e trace " + news.token());
        AlertApi.Subscription subscription = alerts.subscribeWebhook(subscriber, "e2e trace " + news.token(),
                receiver.webhookUrl(), List.of(SIGNAL));
        receiver.useSecret(subscription.secret());

        HexFormat hex = HexFormat.of();
        String traceId = hex.toHexDigits(ThreadLocalRandom.current().nextLong()) + hex.toHexDigits(ThreadLocalRandom.current().nextLong());
        String callerSpanId = hex.toHexDigits(ThreadLocalRandom.current().nextLong());
        Map<String, Object> item = news.missileDelivery();
        given().baseUri(stack.ingestUrl()).auth().oauth2(stack.ingestKey())
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .contentType(ContentType.JSON).body(item)
                .when().post("/api/v1/items")
                .then().statusCode(202);

        Await.until("the webhook of the traced item", () -> receiver.deliveries(d -> d.body().contains(news.token()))
                .stream().findFirst());
        // The send's span ends when the receiver has answered; the exporter sends it within a second or two.
        List<OtlpCollector.ReceivedSpan> trace = Await.until("the alert-service's delivery span in the trace", () -> {
            List<OtlpCollector.ReceivedSpan> spans = collector.spans(s -> s.traceId().equals(traceId));
            return spans.stream().anyMatch(s -> s.name().equals("alert delivery webhook")) ? Optional.of(spans) : Optional.empty();
        });

        Map<String, Set<String>> namesByService = trace.stream().collect(Collectors.groupingBy(
                OtlpCollector.ReceivedSpan::service, Collectors.mapping(OtlpCollector.ReceivedSpan::name, Collectors.toSet())));
        assertThat(namesByService.get("ingest-service")).contains("POST /api/v1/items", "panelwatch.news.raw publish");
        assertThat(namesByService.get("analysis-service")).contains("panelwatch.news.raw process", "panelwatch.signals publish");
        assertThat(namesByService.get("alert-service")).contains("panelwatch.signals process", "alert delivery webhook");

        // Parent to child, one chain: the request continues the caller's span, and each hop the one before it.
        Map<String, OtlpCollector.ReceivedSpan> byId = trace.stream()
                .collect(Collectors.toMap(OtlpCollector.ReceivedSpan::spanId, s -> s, (a, b) -> a));
        OtlpCollector.ReceivedSpan delivery = trace.stream().filter(s -> s.name().equals("alert delivery webhook")).findFirst().orElseThrow();
        List<String> path = new java.util.ArrayList<>();
        OtlpCollector.ReceivedSpan at = delivery;
        while (at != null) {
            path.add(0, at.service() + ": " + at.name());
            if (at.parentSpanId().equals(callerSpanId)) {
                break;
            }
            at = byId.get(at.parentSpanId());
        }
        assertThat(path).as("the delivery's ancestors, back to the caller's span").containsExactly(
                "ingest-service: POST /api/v1/items",
                "ingest-service: panelwatch.news.raw publish",
                "analysis-service: panelwatch.news.raw process",
                "analysis-service: panelwatch.signals publish",
                "alert-service: panelwatch.signals process",
                "alert-service: alert delivery webhook");

        alerts.unsubscribe(subscriber, subscription.id());
    }
}
