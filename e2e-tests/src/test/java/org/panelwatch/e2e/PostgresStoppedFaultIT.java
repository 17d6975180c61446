package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 3 of RELIABILITY.md: the stack's PostgreSQL cluster is stopped for 30 seconds in the middle of
 * a push, right after a burst of 1,000 items that the analysis service is still consuming ({@code pg_ctlcluster ... stop -m fast}, then {@code start}; see {@link StackFaults#stopDatabase}
 * for which cluster and the rights it needs). While it is down every service reports not ready; the
 * client retries what the ingest API refuses (503); afterwards every service is ready again by itself,
 * without a restart (same pids), the stored items are exactly the acknowledged ones, each once, and
 * every alert of the Russia–DPRK items in the workload reaches the subscriber.
 *
 * <p>{@code -Dpanelwatch.fault.items=N} (2,000), {@code -Dpanelwatch.fault.db-down-seconds} (30),
 * {@code -Dpanelwatch.fault.pg-port} (the stack's {@code $PGPORT}, else 5432).
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoppedFaultIT {

    private static final String SIGNAL = "russia-dprk-military";
    private static final List<String> SERVICES = List.of("ingest-service", "analysis-service", "alert-service");
    private static final int ITEMS = Integer.getInteger("panelwatch.fault.items", 2_000);
    private static final int BATCH = 100;
    private static final int BURST = 1_000;
    private static final int SIGNAL_EVERY = ITEMS / 3;
    private static final Duration BETWEEN_BATCHES = Duration.ofMillis(Long.getLong("panelwatch.fault.batch-pause-ms", 2_000));
    private static final Duration DOWN = Duration.ofSeconds(Long.getLong("panelwatch.fault.db-down-seconds", 30));
    private static final Duration GIVE_UP_ON_BATCH = Duration.ofMinutes(5);
    private static final Duration CATCH_UP = Duration.ofMinutes(Long.getLong("panelwatch.fault.catch-up-minutes", 10));

    private final SampleNews news = new SampleNews();
    private final WebhookReceiver receiver = new WebhookReceiver();
    private AlertApi alerts;
    private AlertApi.Subscriber subscriber;
    private AlertApi.Subscription subscription;

    @AfterAll
    void cleanUp() {
        if (subscription != null) {
            alerts.unsubscribe(subscriber, subscription.id());
        }
        receiver.close();
    }

    @Test
    void servicesAreNotReadyWhileTheDatabaseIsDownRecoverByThemselvesAndLoseNothing() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RunningStack.Stack stack = RunningStack.stack();
        IngestApi ingest = new IngestApi(stack);
        ReadApi read = new ReadApi(stack);
        StackFaults faults = new StackFaults(stack);
        alerts = new AlertApi(stack);
        String since = Instant.now().minus(2, ChronoUnit.HOURS).toString();
        String alertsSince = Instant.now().minus(1, ChronoUnit.MINUTES).toString();
        Map<String, Long> pidsBefore = SERVICES.stream().collect(Collectors.toMap(s -> s, faults::pid));
        Map<String, String> urls = Map.of("ingest-service", stack.ingestUrl(), "analysis-service", stack.analysisUrl(),
                "alert-service", stack.alertUrl());

        subscriber = alerts.createSubscriber("fault db-down " + news.token());
        subscription = alerts.subscribeWebhook(subscriber, "fault " + news.token(), receiver.webhookUrl(), List.of(SIGNAL));
        receiver.useSecret(subscription.secret());

        // Neutral items, and three Russia–DPRK reports (three stories) spread over the push.
        List<Map<String, Object>> items = new ArrayList<>(ITEMS);
        Set<String> signalUrls = new HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            Map<String, Object> item;
            if (i % SIGNAL_EVERY == SIGNAL_EVERY / 2) {
                item = new LinkedHashMap<>(switch (i / SIGNAL_EVERY) {
                    case 0 -> news.missileDelivery();
                    case 1 -> news.droneTraining();
                    default -> news.syndicatedAirDefenceStory().get(0);
                });
                signalUrls.add((String) item.get("url"));
            } else {
                item = news.briefing(i);
            }
            items.add(item);
        }

        // Readiness of every service, once a second, for the whole run.
        long started = System.nanoTime();
        AtomicBoolean watching = new AtomicBoolean(true);
        Map<String, List<long[]>> readiness = new ConcurrentHashMap<>(); // service -> [time, 1 ready / 0 not]
        CompletableFuture<Void> watcher = CompletableFuture.runAsync(() -> {
            while (watching.get()) {
                long now = System.nanoTime();
                urls.forEach((service, url) -> readiness.computeIfAbsent(service, s -> new ArrayList<>())
                        .add(new long[] {now, RunningStack.ready(url) ? 1 : 0}));
                Await.sleep(Duration.ofSeconds(1));
            }
        });

        // A burst of BURST items, then the database stops at once: the analysis service is still
        // consuming the burst when it goes. It starts again DOWN later; the push goes on meanwhile.
        long heldBefore = heldBatches(stack);
        long[] downWindow = new long[2];
        CompletableFuture<List<String>> fault = null;
        Map<String, String> acknowledged = new LinkedHashMap<>(); // url -> id
        List<Integer> statuses = new ArrayList<>();
        int burstFrom = ITEMS / 3 / BATCH * BATCH;
        for (int from = 0; from < items.size(); ) {
            int size = from == burstFrom ? BURST : BATCH;
            List<Map<String, Object>> batch = items.subList(from, Math.min(items.size(), from + size));
            IngestApi.Answer answer = pushUntilAccepted(ingest, batch, statuses);
            for (int k = 0; k < batch.size(); k++) {
                acknowledged.put((String) batch.get(k).get("url"), answer.receipts().get(k).id());
            }
            if (from == burstFrom) {
                String cluster = faults.stopDatabase();
                downWindow[0] = System.nanoTime();
                List<String> log = new ArrayList<>();
                log.add(String.format("%d items acknowledged, the last %d in one burst; PostgreSQL %s stopped at %.1f s",
                        acknowledged.size(), batch.size(), cluster, seconds(started, downWindow[0])));
                fault = CompletableFuture.supplyAsync(() -> {
                    Await.sleep(DOWN);
                    downWindow[1] = System.nanoTime();
                    faults.startDatabase();
                    log.add(String.format("PostgreSQL %s started again at %.1f s", cluster, seconds(started, downWindow[1])));
                    return log;
                });
            }
            from += batch.size();
            Await.sleep(BETWEEN_BATCHES);
        }
        double pushSeconds = seconds(started, System.nanoTime());
        List<String> faultLog = fault.join();
        long held = heldBatches(stack) - heldBefore;
        faultLog.forEach(line -> System.out.println("[fault 3] " + line));

        // Ready again by themselves: no restart, the same processes.
        Await.until("every service ready again", Duration.ofMinutes(3),
                () -> urls.values().stream().allMatch(RunningStack::ready) ? Optional.of(true) : Optional.empty());
        double readyAgainSeconds = seconds(started, System.nanoTime());
        watching.set(false);
        watcher.join();
        assertThat(SERVICES.stream().collect(Collectors.toMap(s -> s, faults::pid))).as("pids: no service was restarted")
                .isEqualTo(pidsBefore);
        Map<String, Long> notReadyWhileDown = new TreeMap<>();
        Map<String, Double> readyAgainAfter = new TreeMap<>();
        for (String service : SERVICES) {
            List<long[]> probes = readiness.get(service);
            // Probes from 5 s after the stop until the start: time for health checks to notice.
            notReadyWhileDown.put(service, probes.stream()
                    .filter(p -> p[0] >= downWindow[0] + 5_000_000_000L && p[0] <= downWindow[1] && p[1] == 0).count());
            readyAgainAfter.put(service, probes.stream().filter(p -> p[0] > downWindow[1] && p[1] == 1)
                    .mapToDouble(p -> seconds(downWindow[1], p[0])).min().orElse(Double.NaN));
        }
        assertThat(notReadyWhileDown.values()).as("not-ready probes per service while the database was down " + notReadyWhileDown)
                .allMatch(n -> n > 0);

        Map<Integer, Long> byStatus = statuses.stream().collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        assertThat(byStatus.keySet()).as("statuses answered (202, and 503 while the database was down)").containsOnly(202, 503);

        Set<String> expected = new HashSet<>(acknowledged.values());
        List<Map<String, Object>> stored = read.awaitItemsOf(news.token(), since, expected.size(), CATCH_UP);
        double caughtUpSeconds = seconds(started, System.nanoTime());
        List<String> storedIds = stored.stream().map(i -> String.valueOf(i.get("id"))).toList();
        assertThat(acknowledged).as("every item acknowledged in the end").hasSize(ITEMS);
        assertThat(storedIds).as("no item stored twice").doesNotHaveDuplicates();
        assertThat(Set.copyOf(storedIds)).as("the stored set is the acknowledged set").isEqualTo(expected);

        // Each signal item has its one signal, and every alert raised reaches the receiver.
        Set<String> signalIds = signalUrls.stream().map(acknowledged::get).collect(Collectors.toSet());
        List<Map<String, Object>> signals = Await.until("signals of the " + signalIds.size() + " Russia–DPRK items", () -> {
            List<Map<String, Object>> all = read.signals(SIGNAL, s -> signalIds.contains(String.valueOf(s.get("itemId"))));
            return all.size() >= signalIds.size() ? Optional.of(all) : Optional.empty();
        });
        assertThat(signals.stream().map(s -> String.valueOf(s.get("itemId"))).toList()).as("one signal per item")
                .containsExactlyInAnyOrderElementsOf(signalIds);
        long raised = signals.stream().filter(s -> !Boolean.FALSE.equals(s.get("firstInStory"))).count();
        List<Map<String, Object>> created = Await.until(raised + " alerts", () -> {
            List<Map<String, Object>> mine = alerts.alerts(subscriber, alertsSince);
            return mine.size() >= raised ? Optional.of(mine) : Optional.empty();
        });
        assertThat(created).as("alerts: one per story").hasSize((int) raised);
        Set<String> delivered = Await.until("every alert received", () -> {
            Set<String> ids = receiver.deliveries(d -> d.body().contains(news.token()) && d.verified()).stream()
                    .map(WebhookReceiver.Delivery::webhookId).collect(Collectors.toSet());
            return ids.size() >= raised ? Optional.of(ids) : Optional.empty();
        });
        assertThat(delivered).as("one webhook-id per alert").hasSize((int) raised);

        System.out.printf("[fault 3] analysis/alert writes held while the database was down (their log's 'Database unavailable' lines) %d%n", held);
        System.out.printf("[fault 3] items %d, pushes by status %s; not-ready probes while down %s; ready again %s s after the start; "
                        + "same pids %s; acknowledged %d, stored %d (distinct %d); signal items %d, alerts %d, delivered webhook-ids %d; "
                        + "push %.1f s, all ready at %.1f s, all stored after %.1f s%n",
                items.size(), byStatus, notReadyWhileDown, readyAgainAfter, pidsBefore.values(), acknowledged.size(),
                storedIds.size(), Set.copyOf(storedIds).size(), signalIds.size(), created.size(), delivered.size(),
                pushSeconds, readyAgainSeconds, caughtUpSeconds);
    }

    /** How often the consumers have logged a write held for an unreachable database, from the stack's logs. */
    private static long heldBatches(RunningStack.Stack stack) {
        long held = 0;
        for (String service : List.of("analysis-service", "alert-service")) {
            Path log = stack.state().resolve("logs").resolve(service + ".log");
            try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
                held += lines.filter(line -> line.contains("Database unavailable for")).count();
            } catch (IOException | UncheckedIOException e) {
                return -1;
            }
        }
        return held;
    }

    private static IngestApi.Answer pushUntilAccepted(IngestApi ingest, List<Map<String, Object>> batch, List<Integer> statuses) {
        long giveUp = System.nanoTime() + GIVE_UP_ON_BATCH.toNanos();
        while (true) {
            IngestApi.Answer answer = ingest.offer(batch);
            statuses.add(answer.status());
            if (answer.status() == 202) {
                return answer;
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("a batch was not accepted within " + GIVE_UP_ON_BATCH + "; last status " + answer.status());
            }
            long wait = answer.retryAfter() == null ? 1 : Math.max(1, Math.min(30, Long.parseLong(answer.retryAfter().trim())));
            Await.sleep(Duration.ofSeconds(wait));
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
