package org.panelwatch.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboards' read load: several clients at once, each asking in turn for the newest items of
 * a random topic ({@code GET /api/v1/items?topic=}) and the newest signals ({@code GET
 * /api/v1/signals}), first page, no ETag, for a fixed time after a warm-up.
 */
final class ReadLatency {

    static final String ITEMS_BY_TOPIC = "GET /api/v1/items?topic=…";
    static final String SIGNALS = "GET /api/v1/signals";

    record Result(Map<String, Latencies> byEndpoint, double requestsPerSecond, int errors, String firstError) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String analysisUrl;
    private final String readerKey;

    ReadLatency(String analysisUrl, String readerKey) {
        this.analysisUrl = analysisUrl;
        this.readerKey = readerKey;
    }

    List<String> topicIds() throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/topics");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/topics answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode root = new ObjectMapper().readTree(response.body());
        JsonNode list = root.isArray() ? root : root.path("topics");
        List<String> ids = new ArrayList<>();
        list.forEach(topic -> ids.add(topic.path("id").asText()));
        if (ids.isEmpty()) {
            throw new IllegalStateException("the catalogue lists no topics: " + response.body());
        }
        return ids;
    }

    Result measure(List<String> topics, int clients, Duration warmUp, Duration duration) throws Exception {
        run(topics, clients, warmUp, new ConcurrentHashMap<>(), new AtomicInteger(), new ConcurrentLinkedQueue<>());
        Map<String, ConcurrentLinkedQueue<Double>> latencies = new ConcurrentHashMap<>();
        AtomicInteger errors = new AtomicInteger();
        ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        int requests = run(topics, clients, duration, latencies, errors, firstErrors);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Latencies> byEndpoint = new LinkedHashMap<>();
        for (String endpoint : List.of(ITEMS_BY_TOPIC, SIGNALS)) {
            byEndpoint.put(endpoint, Latencies.of(latencies.getOrDefault(endpoint, new ConcurrentLinkedQueue<>())));
        }
        return new Result(byEndpoint, requests / seconds, errors.get(), firstErrors.peek());
    }

    private int run(List<String> topics, int clients, Duration duration, Map<String, ConcurrentLinkedQueue<Double>> latencies,
            AtomicInteger errors, ConcurrentLinkedQueue<String> firstErrors) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        AtomicInteger requests = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    boolean items = ThreadLocalRandom.current().nextBoolean();
                    while (System.nanoTime() < end) {
                        String endpoint = items ? ITEMS_BY_TOPIC : SIGNALS;
                        String path = items
                                ? "/api/v1/items?topic=" + topics.get(ThreadLocalRandom.current().nextInt(topics.size()))
                                : "/api/v1/signals";
                        long t0 = System.nanoTime();
                        HttpResponse<String> response = get(path);
                        double millis = (System.nanoTime() - t0) / 1e6;
                        requests.incrementAndGet();
                        if (response.statusCode() == 200) {
                            latencies.computeIfAbsent(endpoint, e -> new ConcurrentLinkedQueue<>()).add(millis);
                        } else {
                            errors.incrementAndGet();
                            if (firstErrors.isEmpty()) {
                                firstErrors.add(path + " -> " + response.statusCode() + " " + response.body());
                            }
                        }
                        items = !items;
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdown();
        }
        return requests.get();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(analysisUrl + path))
                .header("Authorization", "Bearer " + readerKey)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
