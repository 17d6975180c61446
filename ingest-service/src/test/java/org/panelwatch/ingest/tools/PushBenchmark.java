package org.panelwatch.ingest.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.messaging.RawNewsProducer;

/**
 * Not a test: pushes 4 KB items in batches over HTTP to a running ingest service and prints the
 * accepted items per second beside the rate of a plain KafkaProducer loop (same producer settings,
 * same number and size of records, a topic with the same partition count) measured in the same run.
 * See ingest-service/bench/run.sh and the README for the command and figures.
 */
public final class PushBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final String BENCH_TOPIC = "panelwatch.bench.raw";

    private PushBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.getOrDefault("url", "http://127.0.0.1:8081");
        String key = options.getOrDefault("key", System.getenv().getOrDefault("PANELWATCH_INGEST_KEY", "dev-ingest-key"));
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        int items = Integer.parseInt(options.getOrDefault("items", "20000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "100"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "8"));
        int bytes = Integer.parseInt(options.getOrDefault("bytes", "4096"));
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<Map<String, String>> records = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            records.add(Map.of("url", "https://bench.example.org/" + run + "/" + i, "title", "Benchmark item " + i,
                    "body", text(bytes), "lang", "en", "source", "benchmark"));
        }
        System.out.printf("%d items of %d bytes, batches of %d, %d concurrent requests, run %s%n",
                items, bytes, batch, concurrency, run);

        double raw = rawProducerRate(bootstrap, records);
        double api = apiRate(url, key, records, batch, concurrency);
        System.out.printf("raw KafkaProducer loop : %,10.0f records/s%n", raw);
        System.out.printf("ingest API (HTTP 202)  : %,10.0f items/s%n", api);
        System.out.printf("ratio API / raw        : %10.2f%n", api / raw);
    }

    /** The same records, already normalised, straight to a topic of three partitions. */
    private static double rawProducerRate(String bootstrap, List<Map<String, String>> records) throws Exception {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(BENCH_TOPIC, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        List<byte[]> values = new ArrayList<>(records.size());
        for (Map<String, String> r : records) {
            values.add(JSON.writeValueAsBytes(new NewsItemEvent(1, UUID.randomUUID().toString(), r.get("url"),
                    r.get("title"), r.get("body"), null, r.get("source"), "en", null, null, Instant.now(),
                    new NewsItemEvent.NormalisationReport(r.get("body").length(), r.get("body").length(), 0, 0, 0, 0, false))));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(RawNewsProducer.producerProperties(defaults(bootstrap)))) {
            producer.partitionsFor(BENCH_TOPIC);
            long start = System.nanoTime();
            List<Future<?>> acks = new ArrayList<>(values.size());
            for (byte[] value : values) {
                acks.add(producer.send(new ProducerRecord<>(BENCH_TOPIC, UUID.randomUUID().toString(), value)));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
            return values.size() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double apiRate(String url, String key, List<Map<String, String>> records, int batch, int concurrency)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<String> bodies = new ArrayList<>();
        for (int from = 0; from < records.size(); from += batch) {
            ArrayNode array = JSON.createArrayNode();
            records.subList(from, Math.min(records.size(), from + batch)).forEach(r -> array.add(JSON.valueToTree(r)));
            bodies.add(array.toString());
        }
        // One warm-up batch outside the measurement: JIT, connection, language models.
        post(http, url, key, bodies.remove(0));
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    accepted.addAndGet(post(http, url, key, bodies.get(i)));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return accepted.get() / seconds;
    }

    private static int post(HttpClient http, String url, String key, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/items"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        int count = 0;
        for (var item : JSON.readTree(response.body()).get("items")) {
            if ("accepted".equals(item.get("status").asText())) {
                count++;
            }
        }
        return count;
    }

    /** Roughly {@code bytes} of sentence-like text, different for every item. */
    private static String text(int bytes) {
        String[] words = {"sanctions", "vessel", "transfer", "missile", "delegation", "port", "cargo", "committee",
            "report", "satellite", "shipment", "talks", "border", "ministry", "statement", "analysts"};
        StringBuilder text = new StringBuilder(bytes + 32);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (text.length() < bytes) {
            for (int w = 0; w < 12; w++) {
                text.append(words[random.nextInt(words.length)]).append(' ');
            }
            text.append(random.nextInt(1_000_000)).append(".\n\n");
        }
        return text.toString();
    }

    private static IngestConfig.Kafka defaults(String bootstrap) {
        return new IngestConfig.Kafka() {
            public String bootstrapServers() {
                return bootstrap;
            }

            public Duration deliveryTimeout() {
                return Duration.ofSeconds(30);
            }

            public Duration maxBlock() {
                return Duration.ofSeconds(10);
            }

            public Duration requestTimeout() {
                return Duration.ofSeconds(10);
            }

            public int batchSize() {
                return Integer.parseInt(System.getProperty("batch.size", "262144"));
            }

            public int lingerMs() {
                return Integer.parseInt(System.getProperty("linger.ms", "5"));
            }

            public String compressionType() {
                return System.getProperty("compression.type", "lz4");
            }

            public int retryAfterSeconds() {
                return 10;
            }
        };
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }
}
