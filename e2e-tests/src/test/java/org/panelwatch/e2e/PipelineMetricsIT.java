package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline metrics each service serves at {@code /q/metrics} (Prometheus text), once an item has
 * gone from a push to a webhook and a feed has been polled: the stage histograms, consumer lag per
 * partition of each consumer group, deliveries by outcome, feed and page-fetch health. The Grafana dashboard in
 * deploy/observability queries these names.
 */
@ExtendWith(RunningStack.class)
class PipelineMetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void everyServiceServesTheNamedPipelineMetricsAfterAnItemFlows() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RunningStack.Stack stack = RunningStack.stack();
        SampleNews news = new SampleNews();
        AlertApi alerts = new AlertApi(stack);
        IngestApi ingest = new IngestApi(stack);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            double deliveredBefore = value(metrics(stack.alertUrl()), "panelwatch_pipeline_latency_seconds_count", "stage=\"delivered\"");
            AlertApi.Subscriber subscriber = alerts.createSubscriber("e2e metrics " + news.token());
            AlertApi.Subscription subscription = alerts.subscribeWebhook(subscriber, "e2e metrics " + news.token(),
                    receiver.webhookUrl(), List.of("russia-dprk-military"));
            receiver.useSecret(subscription.secret());
            String feedId = ingest.registerFeed(receiver.serveFeed(news.token() + ".xml", news.rss(List.of(news.briefing(1)))),
                    "e2e metrics " + news.token()).getString("id");
            try {
                ingest.pollFeed(feedId);
                ingest.push(news.missileDelivery());
                Await.until("the webhook", () -> receiver.deliveries(d -> d.body().contains(news.token())).stream().findFirst());
                // Recorded when the receiver has answered, a moment after it received the request.
                Await.until("the delivered stage counted", () -> {
                    double now = value(metrics(stack.alertUrl()), "panelwatch_pipeline_latency_seconds_count", "stage=\"delivered\"");
                    return now > deliveredBefore ? Optional.of(now) : Optional.empty();
                });
            } finally {
                ingest.deleteFeed(feedId);
                alerts.unsubscribe(subscriber, subscription.id());
            }
        }

        String ingestMetrics = metrics(stack.ingestUrl());
        assertThat(value(ingestMetrics, "panelwatch_pipeline_latency_seconds_count", "stage=\"ingested\"")).isPositive();
        assertThat(ingestMetrics).contains("panelwatch_pipeline_latency_seconds_bucket{stage=\"ingested\",le=\"1.0\"}");
        assertThat(value(ingestMetrics, "panelwatch_ingest_feed_polls_total", "status=\"ok\"")).isPositive();
        assertThat(ingestMetrics).contains("panelwatch_ingest_feeds{state=\"failing\"}", "panelwatch_ingest_feeds{state=\"healthy\"}",
                "panelwatch_ingest_page_fetches_total{outcome=\"page\"}", "panelwatch_ingest_page_queue{status=\"queued\"}");

        // One lag per partition the consumer holds (6 on the stack): not only the first one bound.
        Await.until("the analysis consumer's lag on two partitions or more", () -> {
            Matcher m = Pattern.compile("(?m)^kafka_consumer_fetch_manager_records_lag\\{client_id=\"kafka-consumer-news-raw\"[^}]*"
                    + "partition=\"(\\d+)\",topic=\"panelwatch\\.news\\.raw\"").matcher(metrics(stack.analysisUrl()));
            java.util.Set<String> partitions = new java.util.HashSet<>();
            while (m.find()) {
                partitions.add(m.group(1));
            }
            return partitions.size() >= 2 ? Optional.of(partitions) : Optional.empty();
        });
        String analysisMetrics = metrics(stack.analysisUrl());
        assertThat(value(analysisMetrics, "panelwatch_pipeline_latency_seconds_count", "stage=\"stored\"")).isPositive();
        assertThat(value(analysisMetrics, "panelwatch_pipeline_latency_seconds_count", "stage=\"signalled\"")).isPositive();
        assertThat(analysisMetrics).containsPattern(
                "kafka_consumer_fetch_manager_records_lag\\{client_id=\"kafka-consumer-news-raw\"[^}]*topic=\"panelwatch\\.news\\.raw\"");
        assertThat(analysisMetrics).as("the client's deprecated copies under dot-less topic names are dropped")
                .doesNotContain("topic=\"panelwatch_news_raw\"");

        String alertMetrics = metrics(stack.alertUrl());
        assertThat(value(alertMetrics, "panelwatch_alert_deliveries_total", "outcome=\"delivered\"")).isPositive();
        assertThat(alertMetrics).containsPattern(
                "kafka_consumer_fetch_manager_records_lag\\{client_id=\"kafka-consumer-signals\"[^}]*topic=\"panelwatch\\.signals\"");
    }

    private static String metrics(String baseUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sum of the samples of {@code name} whose labels contain {@code label}; 0 when there are none. */
    private static double value(String metrics, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)").matcher(metrics);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
