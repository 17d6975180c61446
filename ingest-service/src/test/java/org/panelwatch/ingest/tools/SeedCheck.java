package org.panelwatch.ingest.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.panelwatch.common.event.KafkaTopics;

/**
 * Not a test: pushes article files (such as the project's seeds) through a running ingest service,
 * reads what reached {@code panelwatch.news.raw}, and fails unless the text came out clean: no
 * Markdown fence, no repeated paragraph or caption line, no trailing furniture (the last paragraph
 * must end a sentence). Run through ingest-service/bin/check-seeds.sh.
 */
public final class SeedCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SeedCheck() {
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("url", "http://127.0.0.1:8081");
        String key = System.getProperty("key", "dev-ingest-key");
        String bootstrap = System.getProperty("bootstrap", "127.0.0.1:9092");
        Map<String, Path> idToFile = new HashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        for (String file : args) {
            Path path = Path.of(file);
            String body = Files.readString(path, StandardCharsets.UTF_8);
            String item = JSON.createObjectNode().put("title", "Seed " + path.getFileName()).put("body", body)
                    .put("source", "seed-check").put("externalId", path.getFileName().toString()).toString();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/items"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(item)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                fail(path + ": HTTP " + response.statusCode() + " " + response.body());
            }
            JsonNode answer = JSON.readTree(response.body()).get("items").get(0);
            System.out.printf("%s -> %s (%s)%n", path.getFileName(), answer.get("id").asText(), answer.get("status").asText());
            idToFile.put(answer.get("id").asText(), path);
        }

        Map<String, JsonNode> events = read(bootstrap, idToFile.keySet());
        boolean ok = true;
        for (Map.Entry<String, Path> entry : idToFile.entrySet()) {
            JsonNode event = events.get(entry.getKey());
            if (event == null) {
                System.out.println("FAIL " + entry.getValue() + ": no record with key " + entry.getKey() + " on the topic");
                ok = false;
                continue;
            }
            List<String> problems = problems(event.get("text").asText());
            System.out.printf("%s: %d paragraphs, lang %s, removed %s%n", entry.getValue().getFileName(),
                    event.get("text").asText().split("\n\n").length, event.get("lang").asText(), event.get("normalisation"));
            for (String problem : problems) {
                System.out.println("FAIL " + entry.getValue().getFileName() + ": " + problem);
            }
            ok &= problems.isEmpty();
        }
        if (!ok) {
            System.exit(1);
        }
        System.out.println("OK: every seed reached the topic clean");
    }

    static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        if (text.contains("```") || text.contains("~~~")) {
            problems.add("a Markdown code fence is left");
        }
        for (String line : text.split("\n")) {
            if (line.strip().matches("[\\p{Pi}\\p{Pf}\"']*`+[\\w+#.-]*[\\p{Pi}\\p{Pf}\"']*")) {
                problems.add("a line of fence debris is left: " + line);
            }
        }
        Set<String> seen = new HashSet<>();
        String[] paragraphs = text.split("\n\n");
        for (String paragraph : paragraphs) {
            String key = paragraph.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}]+", " ").trim();
            if (!key.isEmpty() && !seen.add(key)) {
                problems.add("repeated paragraph or line: " + abbreviate(paragraph));
            }
        }
        String last = paragraphs[paragraphs.length - 1].trim();
        if (!last.matches("(?s).*[.!?。！？][\\p{Pf}\"')\\]]*$")) {
            problems.add("the text ends with a line that is not a sentence (furniture?): " + abbreviate(last));
        }
        return problems;
    }

    private static String abbreviate(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }

    private static Map<String, JsonNode> read(String bootstrap, Set<String> keys) throws Exception {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        Map<String, JsonNode> found = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopics.NEWS_RAW).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (keys.contains(r.key())) {
                        found.put(r.key(), JSON.readTree(r.value()));
                    }
                }
            }
        }
        return found;
    }

    private static void fail(String message) {
        System.out.println("FAIL " + message);
        System.exit(1);
    }
}
