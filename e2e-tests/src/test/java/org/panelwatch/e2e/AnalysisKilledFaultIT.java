package org.panelwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fault 1 of RELIABILITY.md: 20,000 items pushed while the analysis service is killed with
 * {@code kill -9} twice, at random moments, and restarted by {@code stack.sh up}. Afterwards every
 * item the ingest API acknowledged is stored exactly once, and every item that should signal has
 * exactly one signal. {@code -Dpanelwatch.fault.items=N} changes the workload.
 */
@ExtendWith(RunningStack.class)
class AnalysisKilledFaultIT {

    private static final String SIGNAL = "russia-dprk-military";
    private static final int ITEMS = Integer.getInteger("panelwatch.fault.items", 20_000);
    private static final int BATCH = 500;
    private static final int SIGNAL_EVERY = 1_000;
    private static final Duration CATCH_UP = Duration.ofMinutes(Long.getLong("panelwatch.fault.catch-up-minutes", 15));

    @Test
    void everyAcknowledgedItemIsStoredOnceAndEverySignalExistsOnce() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RunningStack.Stack stack = RunningStack.stack();
        IngestApi ingest = new IngestApi(stack);
        ReadApi read = new ReadApi(stack);
        StackFaults faults = new StackFaults(stack);
        SampleNews news = new SampleNews();
        Random random = new Random();
        String since = Instant.now().minus(2, ChronoUnit.HOURS).toString();

        // The workload: neutral filler items, and every 1,000th a Russia-DPRK report that must signal.
        List<Map<String, Object>> items = new ArrayList<>(ITEMS);
        Set<String> signalUrls = new HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            Map<String, Object> item;
            if (i % SIGNAL_EVERY == SIGNAL_EVERY / 2) {
                item = new LinkedHashMap<>(switch ((i / SIGNAL_EVERY) % 3) {
                    case 0 -> news.missileDelivery();
                    case 1 -> news.droneTraining();
                    default -> news.syndicatedAirDefenceStory().get(0);
                });
                item.put("url", item.get("url") + "-" + i);
                signalUrls.add((String) item.get("url"));
            } else {
                item = news.briefing(i);
            }
            items.add(item);
        }

        // Two kills at random moments while the push runs, each followed by a restart.
        long started = System.nanoTime();
        CompletableFuture<List<String>> killer = CompletableFuture.supplyAsync(() -> {
            List<String> log = new ArrayList<>();
            for (int k = 1; k <= 2; k++) {
                Await.sleep(Duration.ofMillis(2_000 + random.nextInt(8_000)));
                long pid = faults.kill9("analysis-service");
                log.add(String.format("kill -9 analysis-service (pid %d) at %.1f s", pid, (System.nanoTime() - started) / 1e9));
                faults.restartMissing();
                log.add(String.format("analysis-service ready again at %.1f s", (System.nanoTime() - started) / 1e9));
            }
            return log;
        });

        Map<String, String> acknowledged = new LinkedHashMap<>(); // url -> id
        Map<String, String> idByUrl = new LinkedHashMap<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            List<Map<String, Object>> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            List<IngestApi.Receipt> receipts = ingest.push(batch);
            for (int k = 0; k < batch.size(); k++) {
                acknowledged.put((String) batch.get(k).get("url"), receipts.get(k).id());
            }
        }
        idByUrl.putAll(acknowledged);
        double pushSeconds = (System.nanoTime() - started) / 1e9;
        List<String> killLog = killer.join();
        killLog.forEach(line -> System.out.println("[fault 1] " + line));

        // Wait until the analysis service has caught up with every acknowledged item.
        Set<String> expected = new HashSet<>(acknowledged.values());
        List<Map<String, Object>> stored = read.awaitItemsOf(news.token(), since, expected.size(), CATCH_UP);
        double caughtUpSeconds = (System.nanoTime() - started) / 1e9;

        List<String> storedIds = stored.stream().map(i -> String.valueOf(i.get("id"))).toList();
        assertThat(storedIds).as("no item stored twice").doesNotHaveDuplicates();
        assertThat(Set.copyOf(storedIds)).as("the stored set is the acknowledged set").isEqualTo(expected);

        Map<String, Long> signalsPerItem = read.signals(SIGNAL, s -> signalUrls.contains(String.valueOf(s.get("url"))))
                .stream().collect(Collectors.groupingBy(s -> String.valueOf(s.get("itemId")), Collectors.counting()));
        Set<String> signalIds = signalUrls.stream().map(idByUrl::get).collect(Collectors.toSet());
        assertThat(signalsPerItem.keySet()).as("items with a signal").isEqualTo(signalIds);
        assertThat(signalsPerItem.values()).as("signals per item").allMatch(n -> n == 1);
        for (String id : signalIds) {
            JsonPath item = read.awaitItem(id);
            assertThat(PushToWebhookIT.signalTypes(item)).as("signals of item " + id).containsOnlyOnce(SIGNAL);
        }
        System.out.printf("[fault 1] items %d acknowledged %d stored %d (distinct %d), signal items %d with one signal each; "
                        + "push %.1f s, all stored after %.1f s%n",
                items.size(), acknowledged.size(), storedIds.size(), Set.copyOf(storedIds).size(), signalIds.size(),
                pushSeconds, caughtUpSeconds);
    }
}
