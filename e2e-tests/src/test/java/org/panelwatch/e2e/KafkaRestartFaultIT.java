package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 2 of RELIABILITY.md: the Kafka broker (every broker, on a scaled stack) is stopped in the middle of a push, stays down for a
 * while, and is started again by {@code stack.sh up}. The client retries every batch answered 503
 * (after its Retry-After) until it is answered 202. While the broker is down the ingest API must not
 * answer 202 to a push that began after it stopped; afterwards the items the analysis service stored
 * are exactly the items acknowledged, each once.
 *
 * <p>{@code -Dpanelwatch.fault.items=N} (3,000), {@code -Dpanelwatch.fault.kafka-down-seconds} (20).
 */
@ExtendWith(RunningStack.class)
class KafkaRestartFaultIT {

    private static final int ITEMS = Integer.getInteger("panelwatch.fault.items", 3_000);
    private static final int BATCH = 100;
    /** Paces the push (about 50 items/s) so that it is still running when the broker stops and after it is back. */
    private static final Duration BETWEEN_BATCHES = Duration.ofMillis(Long.getLong("panelwatch.fault.batch-pause-ms", 2_000));
    private static final Duration DOWN = Duration.ofSeconds(Long.getLong("panelwatch.fault.kafka-down-seconds", 20));
    private static final Duration GIVE_UP_ON_BATCH = Duration.ofMinutes(5);
    private static final Duration CATCH_UP = Duration.ofMinutes(Long.getLong("panelwatch.fault.catch-up-minutes", 10));

    /** One push as the client saw it: when it began and ended (System.nanoTime) and the status. */
    private record Push(long began, long ended, int status) {
    }

    @Test
    void pushesWhileTheBrokerIsDownAreRefusedAndTheStoredSetIsTheAcknowledgedSet() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RunningStack.Stack stack = RunningStack.stack();
        IngestApi ingest = new IngestApi(stack);
        ReadApi read = new ReadApi(stack);
        StackFaults faults = new StackFaults(stack);
        SampleNews news = new SampleNews();
        String since = Instant.now().minus(2, ChronoUnit.HOURS).toString();

        List<Map<String, Object>> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            Map<String, Object> item = news.briefing(i);
            items.add(item);
        }

        // The broker stops once a third of the items is acknowledged, and comes back DOWN later.
        long started = System.nanoTime();
        AtomicInteger acknowledgedCount = new AtomicInteger();
        long[] downWindow = new long[2];
        CompletableFuture<List<String>> fault = CompletableFuture.supplyAsync(() -> {
            List<String> log = new ArrayList<>();
            Await.until("a third of the items acknowledged", CATCH_UP,
                    () -> acknowledgedCount.get() >= ITEMS / 3 ? Optional.of(true) : Optional.empty());
            List<Long> pids = faults.stopKafka();
            downWindow[0] = System.nanoTime();
            log.add(String.format("Kafka (pids %s) stopped at %.1f s", pids, seconds(started, downWindow[0])));
            Await.sleep(DOWN);
            downWindow[1] = System.nanoTime();
            faults.restartMissing();
            log.add(String.format("Kafka started again at %.1f s; every service ready again at %.1f s",
                    seconds(started, downWindow[1]), seconds(started, System.nanoTime())));
            return log;
        });

        // The client: every batch until it is answered 202, honouring Retry-After.
        Map<String, String> acknowledged = new LinkedHashMap<>(); // url -> id
        List<Push> pushes = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            List<Map<String, Object>> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            IngestApi.Answer answer = pushUntilAccepted(ingest, batch, pushes);
            for (int k = 0; k < batch.size(); k++) {
                acknowledged.put((String) batch.get(k).get("url"), answer.receipts().get(k).id());
            }
            acknowledgedCount.set(acknowledged.size());
            Await.sleep(BETWEEN_BATCHES);
        }
        double pushSeconds = seconds(started, System.nanoTime());
        List<String> faultLog = fault.join();
        faultLog.forEach(line -> System.out.println("[fault 2] " + line));

        Map<Integer, Long> statuses = new TreeMap<>();
        pushes.forEach(p -> statuses.merge(p.status(), 1L, Long::sum));
        List<Push> acceptedWhileDown = pushes.stream()
                .filter(p -> p.status() == 202 && p.began() >= downWindow[0] && p.ended() <= downWindow[1]).toList();
        assertThat(acceptedWhileDown).as("pushes begun after the broker stopped and answered 202 before it was back").isEmpty();
        assertThat(statuses.keySet()).as("statuses answered (202, and 503 while the broker was down)").containsOnly(202, 503);
        assertThat(statuses.get(503)).as("pushes answered 503").isNotNull();

        Set<String> expected = new HashSet<>(acknowledged.values());
        List<Map<String, Object>> stored = read.awaitItemsOf(news.token(), since, expected.size(), CATCH_UP);
        double caughtUpSeconds = seconds(started, System.nanoTime());

        List<String> storedIds = stored.stream().map(i -> String.valueOf(i.get("id"))).toList();
        assertThat(acknowledged).as("every item acknowledged in the end").hasSize(ITEMS);
        assertThat(storedIds).as("no item stored twice").doesNotHaveDuplicates();
        assertThat(Set.copyOf(storedIds)).as("the stored set is the acknowledged set").isEqualTo(expected);
        System.out.printf("[fault 2] items %d, pushes %d by status %s, 202 to pushes begun while the broker was down %d; "
                        + "acknowledged %d, stored %d (distinct %d); push %.1f s, all stored after %.1f s%n",
                items.size(), pushes.size(), statuses, acceptedWhileDown.size(), acknowledged.size(), storedIds.size(),
                Set.copyOf(storedIds).size(), pushSeconds, caughtUpSeconds);
    }

    private static IngestApi.Answer pushUntilAccepted(IngestApi ingest, List<Map<String, Object>> batch, List<Push> pushes) {
        long giveUp = System.nanoTime() + GIVE_UP_ON_BATCH.toNanos();
        while (true) {
            long began = System.nanoTime();
            IngestApi.Answer answer = ingest.offer(batch);
            pushes.add(new Push(began, System.nanoTime(), answer.status()));
            if (answer.status() == 202) {
                return answer;
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("a batch was not accepted within " + GIVE_UP_ON_BATCH + "; last status " + answer.status());
            }
            Await.sleep(Duration.ofSeconds(retryAfter(answer)));
        }
    }

    private static long retryAfter(IngestApi.Answer answer) {
        try {
            return answer.retryAfter() == null ? 1 : Math.max(1, Math.min(30, Long.parseLong(answer.retryAfter().trim())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static double seconds(long from, long to) {
        return (to - from) / 1e9;
    }
}
