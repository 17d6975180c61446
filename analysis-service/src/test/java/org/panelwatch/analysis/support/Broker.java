package org.panelwatch.analysis.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Produces raw items to the test broker, reads the service's output topics, and waits for rows. */
public final class Broker {

    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private Broker() {
    }

    public static NewsItemEvent item(String title, String text, Instant published, String lang) {
        return new NewsItemEvent(1, UUID.randomUUID().toString(), "https://example.org/" + UUID.randomUUID(), title,
                text, published, "Test Wire", lang, null, null, Instant.parse("2026-11-24T10:00:00Z"), null);
    }

    public static NewsItemEvent copy(NewsItemEvent of, String text) {
        return new NewsItemEvent(1, UUID.randomUUID().toString(), "https://example.net/" + UUID.randomUUID(),
                of.title(), text, of.published(), "Other Outlet", of.lang(), null, null, of.ingestedAt(), null);
    }

    /** Sends values in order under one key, so they reach one partition and are consumed in this order. */
    public static void send(String key, List<?> values) throws Exception {
        Properties p = KafkaBroker.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Object value : values) {
                String v = value instanceof String s ? s : JSON.writeValueAsString(value);
                producer.send(new ProducerRecord<>(KafkaTopics.NEWS_RAW, key, v));
            }
            producer.flush();
        }
    }

    public static void send(NewsItemEvent... items) throws Exception {
        for (NewsItemEvent item : items) {
            send(item.id(), List.of(item));
        }
    }

    /** Every record of a topic, by key, read from the beginning until the wanted keys are all seen or 10 s pass. */
    public static Map<String, List<String>> read(String topic, List<String> wantedKeys) {
        Properties p = KafkaBroker.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic));
            long end = System.currentTimeMillis() + 10_000;
            int emptyPolls = 0;
            while (System.currentTimeMillis() < end) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value());
                }
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                if (byKey.keySet().containsAll(wantedKeys) && emptyPolls >= 2) {
                    break;
                }
            }
        }
        return byKey;
    }

    public static void awaitStored(String... ids) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (String id : ids) {
                if (count("SELECT count(*) FROM analysis.item WHERE id = ?::uuid", id) != 1) {
                    return false;
                }
            }
            return true;
        });
    }

    public static long count(String sql, Object... params) throws Exception {
        return TestDatabase.count(sql, params);
    }

    public static String string(String sql, Object... params) throws Exception {
        return TestDatabase.string(sql, params);
    }

    /** Words that appear in no other text, so that test items are unlike each other. */
    public static String noise(int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append(Long.toString(UUID.randomUUID().getMostSignificantBits() & Long.MAX_VALUE, 36), 0, 7).append(' ');
        }
        return sb.toString().trim();
    }
}
