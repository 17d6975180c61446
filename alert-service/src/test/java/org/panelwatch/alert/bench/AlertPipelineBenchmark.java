package org.panelwatch.alert.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.panelwatch.alert.support.AlertTestSupport;
import org.panelwatch.alert.support.GreenMailServer;
import org.panelwatch.alert.support.WebhookReceiver;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Not part of {@code verify} (the class name does not end in Test). Run it with
 * {@code ./mvnw -B verify -pl alert-service -Dtest=AlertPipelineBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * With 1,000 active webhook subscriptions it measures (1) how many signals per second the consumer matches
 * and records, from the real topic to the database, and (2) the time from a signal produced on
 * {@code panelwatch.signals} to its webhook arriving at a local HTTP receiver, at a steady 50 signals/s.
 * Results go to the console and to target/benchmark.txt. It runs with production timeouts (BenchmarkProfile).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@QuarkusTestResource(GreenMailServer.class)
@io.quarkus.test.junit.TestProfile(BenchmarkProfile.class)
class AlertPipelineBenchmark {

    private static final int SUBSCRIPTIONS = Integer.getInteger("bench.subscriptions", 1000);
    private static final int THROUGHPUT_SIGNALS = Integer.getInteger("bench.throughput-signals", 10_000);
    private static final int RATE = Integer.getInteger("bench.rate", 50);
    private static final int LATENCY_SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final List<String> TOPICS = List.of("arms-transfer", "military-cooperation", "wmd-missile", "petroleum",
            "maritime-evasion", "overseas-workers", "finance-cyber", "export-bans", "luxury-goods", "sanctions-monitoring");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void benchmark() throws Exception {
        AlertTestSupport.resetOnce();
        WebhookReceiver receiver = WebhookReceiver.get();
        String url = receiver.endpoint(200);
        String subscriber = AlertTestSupport.subscriber("Benchmark").id();
        createSubscriptions(subscriber, url);

        Properties p = KafkaBroker.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        StringBuilder report = new StringBuilder();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            // Warm-up: JIT, connection pools, the subscription cache.
            for (int i = 0; i < 200; i++) {
                send(producer, "nomatch", i % TOPICS.size(), null);
            }
            producer.flush();
            await().atMost(Duration.ofMinutes(2)).until(() -> AlertTestSupport.count("SELECT count(*) FROM alert.processed_signal") >= 200);

            // (1) Throughput: signals that go through matching against all 1,000 subscriptions (topics pass for a
            // tenth of them, keywords for none), produced all at once.
            long before = AlertTestSupport.count("SELECT count(*) FROM alert.processed_signal");
            long start = System.nanoTime();
            for (int i = 0; i < THROUGHPUT_SIGNALS; i++) {
                send(producer, "nomatch", i % TOPICS.size(), null);
            }
            producer.flush();
            long target = before + THROUGHPUT_SIGNALS;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> AlertTestSupport.count("SELECT count(*) FROM alert.processed_signal") >= target);
            double seconds = (System.nanoTime() - start) / 1e9;
            report.append(String.format(Locale.ROOT, "subscriptions active: %d%nthroughput: %d signals matched and recorded in %.2f s = %.0f signals/s%n",
                    SUBSCRIPTIONS, THROUGHPUT_SIGNALS, seconds, THROUGHPUT_SIGNALS / seconds));

            // (2) Latency at a steady rate: each signal matches exactly one subscription (its keyword).
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            int total = RATE * LATENCY_SECONDS;
            long period = 1_000_000_000L / RATE;
            long t0 = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = t0 + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int sub = i % SUBSCRIPTIONS;
                String signalId = UUID.randomUUID().toString();
                sentAt.put(signalId, System.currentTimeMillis());
                send(producer, "kw" + sub, sub % TOPICS.size(), signalId);
            }
            await().atMost(Duration.ofMinutes(3)).until(() -> receiver.received(url).size() >= total);
            List<Long> latencies = new ArrayList<>();
            for (WebhookReceiver.Received r : receiver.received(url)) {
                String signalId = JSON.readTree(r.body()).path("data").path("signalId").asText();
                Long sent = sentAt.get(signalId);
                if (sent != null) {
                    latencies.add(r.receivedAtMillis() - sent);
                }
            }
            Collections.sort(latencies);
            // Where the time goes: signal produced -> alert committed -> webhook answered.
            List<Long> toAlert = new ArrayList<>();
            List<Long> toDelivered = new ArrayList<>();
            try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(
                    "SELECT a.signal_id, extract(epoch FROM a.created_at) * 1000, extract(epoch FROM d.finished_at) * 1000 "
                            + "FROM alert.alert a JOIN alert.delivery d ON d.alert_id = a.id WHERE d.status = 'delivered'");
                    java.sql.ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Long sent = sentAt.get(rs.getString(1));
                    if (sent != null) {
                        toAlert.add((long) rs.getDouble(2) - sent);
                        toDelivered.add((long) (rs.getDouble(3) - rs.getDouble(2)));
                    }
                }
            }
            Collections.sort(toAlert);
            Collections.sort(toDelivered);
            report.append(String.format(Locale.ROOT, "  of which produced -> alert transaction: p50 %d ms, p99 %d ms; "
                    + "alert -> delivery recorded: p50 %d ms, p99 %d ms%n",
                    pct(toAlert, 50), pct(toAlert, 99), pct(toDelivered, 50), pct(toDelivered, 99)));
            report.append(String.format(Locale.ROOT,
                    "latency signal on topic -> webhook received, %d signals at %d/s: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n",
                    latencies.size(), RATE, pct(latencies, 50), pct(latencies, 90), pct(latencies, 99),
                    latencies.get(latencies.size() - 1)));
        }
        report.append(String.format(Locale.ROOT, "load average during the run (2 cores, shared): %s%n",
                Files.readString(Path.of("/proc/loadavg")).strip()));
        System.out.println("==== alert-service benchmark ====\n" + report);
        Files.writeString(Path.of("target", "benchmark.txt"), report.toString());
    }

    private static long pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static void send(KafkaProducer<String, String> producer, String keyword, int topic, String signalId) {
        String id = signalId == null ? UUID.randomUUID().toString() : signalId;
        String itemId = UUID.randomUUID().toString();
        String json = AlertTestSupport.signalJson(id, itemId, "story-" + itemId, keyword, 0.8)
                .replace("\"id\":\"arms-transfer\"", "\"id\":\"" + TOPICS.get(topic) + "\"");
        producer.send(new ProducerRecord<>(KafkaTopics.SIGNALS, itemId, json));
    }

    /** 1,000 webhook subscriptions: subscription i wants topic i mod 10 and keyword "kw{i}", min score 0.5. */
    private static void createSubscriptions(String subscriber, String url) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO alert.subscription (id, subscriber_id, name, channel_type, channel_target, secret, filter, mode) "
                        + "VALUES (?, ?::uuid, ?, 'webhook', ?, ?, ?::jsonb, 'immediate')")) {
            for (int i = 0; i < SUBSCRIPTIONS; i++) {
                st.setObject(1, UUID.randomUUID());
                st.setString(2, subscriber);
                st.setString(3, "bench " + i);
                st.setString(4, url);
                st.setString(5, "whsec_" + java.util.Base64.getEncoder().encodeToString(UUID.randomUUID().toString().getBytes()));
                st.setString(6, "{\"signalTypes\":[\"russia-dprk-military\"],\"topics\":[\"" + TOPICS.get(i % TOPICS.size())
                        + "\"],\"minScore\":0.5,\"keywords\":[\"kw" + i + "\"],\"languages\":[\"en\"]}");
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
