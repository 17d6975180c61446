package org.panelwatch.analysis.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Records on the real broker reach the database; a poison record goes to the DLQ and the flow goes on. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class NewsItemConsumerTest {

    @Test
    void aProducedItemIsStoredOnce() throws Exception {
        String id = UUID.randomUUID().toString();
        String json = """
                {"schemaVersion":1,"id":"%s","title":"Test item","text":"Body text.","lang":"en",
                 "ingestedAt":"2026-11-24T10:00:00Z"}""".formatted(id);
        send(id, json);
        send(id, json); // a redelivery changes nothing

        await().atMost(Duration.ofSeconds(30)).until(() -> count(id) == 1);
        Thread.sleep(500);
        assertThat(count(id)).isEqualTo(1);
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStored() throws Exception {
        String poisonKey = "poison-" + UUID.randomUUID();
        send(poisonKey, "{ this is not json");
        String id = UUID.randomUUID().toString();
        send(id, """
                {"schemaVersion":1,"id":"%s","title":"After poison","text":"Still flowing.","ingestedAt":"2026-11-24T10:00:00Z"}"""
                .formatted(id));

        await().atMost(Duration.ofSeconds(30)).until(() -> count(id) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterKeys().contains(poisonKey));
    }

    private static void send(String key, String value) throws Exception {
        Properties p = KafkaBroker.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            producer.send(new ProducerRecord<>(KafkaTopics.NEWS_RAW, key, value)).get();
        }
    }

    private static int count(String id) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM analysis.item WHERE id = ?::uuid")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static List<String> deadLetterKeys() {
        Properties p = KafkaBroker.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(KafkaTopics.NEWS_RAW_DLQ));
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(5))) {
                keys.add(r.key());
                assertThat(r.headers().lastHeader("dead-letter-reason")).isNotNull();
                assertThat(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                        .isNotBlank();
            }
        }
        return keys;
    }
}
