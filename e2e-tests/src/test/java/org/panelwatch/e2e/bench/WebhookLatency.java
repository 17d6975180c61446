package org.panelwatch.e2e.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.panelwatch.e2e.AlertApi;
import org.panelwatch.e2e.RunningStack;
import org.panelwatch.e2e.SampleNews;
import org.panelwatch.e2e.WebhookReceiver;

/**
 * Push to webhook at a steady rate: every tenth of a second one batch of {@code rate / 10} items, one
 * of them a new Russia–DPRK military report (its own story), the rest ordinary sanctions news. The
 * latency of a report is from the moment its batch was sent to the moment its signed webhook
 * reached a receiver on loopback.
 */
final class WebhookLatency {

    /** SampleNews puts its token, "pw" and 12 hex digits, in every URL it writes. */
    private static final Pattern SAMPLE_TOKEN = Pattern.compile("pw[0-9a-f]{12}");

    static final Duration WARM_UP = Duration.ofSeconds(5);

    record Result(Latencies latencies, Latencies warmUp, int reports, int received, int unverified, int failedPushes) {
    }

    private final RunningStack.Stack stack;
    private final PushClient client;
    private final BenchItems items;

    WebhookLatency(RunningStack.Stack stack, PushClient client, BenchItems items) {
        this.stack = stack;
        this.client = client;
        this.items = items;
    }

    Result measure(int itemsPerSecond, Duration duration, Duration drain) throws InterruptedException {
        AlertApi alerts = new AlertApi(stack);
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            AlertApi.Subscriber subscriber = alerts.createSubscriber("Benchmark desk");
            AlertApi.Subscription subscription = alerts.subscribeWebhook(subscriber, "benchmark latency",
                    receiver.webhookUrl(), List.of("russia-dprk-military"));
            receiver.useSecret(subscription.secret());

            int perTick = Math.max(1, itemsPerSecond / 10);
            int ticks = (int) (duration.toMillis() / 100);
            Map<String, Instant> sentAt = new ConcurrentHashMap<>();
            AtomicInteger tick = new AtomicInteger();
            AtomicInteger failedPushes = new AtomicInteger();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
            clock.scheduleAtFixedRate(() -> {
                int t = tick.getAndIncrement();
                if (t >= ticks) {
                    return;
                }
                SampleNews news = new SampleNews();
                List<Map<String, Object>> batch = new ArrayList<>(items.make(perTick - 1, 1500, "steady-" + t));
                // The reports share a template; a page of other news makes each one a story of its own.
                Map<String, Object> report = new LinkedHashMap<>(t % 2 == 0 ? news.missileDelivery() : news.droneTraining());
                report.put("body", report.get("body") + "\n\n" + items.body(1500));
                batch.add(report);
                sentAt.put(news.token(), Instant.now());
                client.pushAsync(batch).whenComplete((accepted, failure) -> {
                    if (failure != null) {
                        failedPushes.incrementAndGet();
                        failures.add(failure);
                    }
                });
            }, 0, 100, TimeUnit.MILLISECONDS);
            while (tick.get() < ticks) {
                Thread.sleep(100);
            }
            clock.shutdown();
            clock.awaitTermination(10, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + drain.toNanos();
            Map<String, Double> latency = new ConcurrentHashMap<>();
            int seen = 0;
            while (true) {
                List<WebhookReceiver.Delivery> deliveries = receiver.deliveries(d -> true);
                for (WebhookReceiver.Delivery delivery : deliveries.subList(seen, deliveries.size())) {
                    Matcher token = SAMPLE_TOKEN.matcher(delivery.body());
                    while (token.find()) {
                        Instant sent = sentAt.get(token.group());
                        if (sent != null) {
                            latency.putIfAbsent(token.group(), (double) Duration.between(sent, delivery.receivedAt()).toMillis());
                        }
                    }
                }
                seen = deliveries.size();
                if (latency.size() >= sentAt.size() || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(500);
            }
            Instant first = sentAt.values().stream().min(Instant::compareTo).orElse(Instant.now());
            latency.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .forEach(e -> System.out.printf("    slow: %,.0f ms, sent %.1f s into the run%n", e.getValue(),
                            Duration.between(first, sentAt.get(e.getKey())).toMillis() / 1000.0));
            int unverified = receiver.deliveries(d -> !d.verified()).size();
            alerts.unsubscribe(subscriber, subscription.id());
            if (!failures.isEmpty()) {
                System.out.println("  first failed push: " + failures.peek());
            }
            // The first seconds meet a cold delivery path (a new subscription, its first connection,
            // code not yet compiled); they are reported apart, and the percentiles are of the rest.
            Map<Boolean, List<Double>> byPhase = latency.entrySet().stream().collect(Collectors
                    .partitioningBy(e -> Duration.between(first, sentAt.get(e.getKey())).compareTo(WARM_UP) < 0,
                            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
            return new Result(Latencies.of(byPhase.get(false)), Latencies.of(byPhase.get(true)), sentAt.size(), latency.size(),
                    unverified, failedPushes.get());
        }
    }
}
