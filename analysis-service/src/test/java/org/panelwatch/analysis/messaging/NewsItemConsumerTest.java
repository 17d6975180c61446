package org.panelwatch.analysis.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.common.event.TaggedItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Records on the real broker reach the database once; poison goes to the DLQ and the flow goes on. */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
class NewsItemConsumerTest {

    @Test
    void aRedeliveredRecordChangesNothing() throws Exception {
        NewsItemEvent item = Broker.item("Shells for the front",
                "An arms-transfer report. " + FakeEngineText.SIGNAL + " " + Broker.noise(40), null, "en");
        String key = "redelivery-" + UUID.randomUUID();
        Broker.send(key, List.of(item));
        Broker.awaitStored(item.id());
        String before = snapshot(item.id());

        NewsItemEvent sentinel = Broker.item("Sentinel", Broker.noise(30), null, "en");
        Broker.send(key, List.of(item, sentinel)); // same key: same partition, consumed after the copy
        Broker.awaitStored(sentinel.id());

        assertThat(snapshot(item.id())).isEqualTo(before);
        List<String> tagged = Broker.read(KafkaTopics.NEWS_TAGGED, List.of(item.id(), sentinel.id())).get(item.id());
        assertThat(tagged).hasSize(1);
        TaggedItemEvent event = Broker.JSON.readValue(tagged.get(0), TaggedItemEvent.class);
        assertThat(event.itemId()).isEqualTo(item.id());
        assertThat(event.topics()).extracting(TaggedItemEvent.TopicTag::id).containsExactly("arms-transfer");
        assertThat(event.signal().type()).isEqualTo("russia-dprk-military");
        assertThat(event.storyId()).isEqualTo(item.id());
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextRecordIsStored() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        NewsItemEvent after = Broker.item("After poison", "Still flowing. " + Broker.noise(20), null, "en");
        Broker.send(key, List.of("{ this is not json",
                "{\"schemaVersion\":1,\"id\":\"not-a-uuid\",\"title\":\"t\",\"text\":\"x\"}",
                after));

        Broker.awaitStored(after.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterReasons(key).size() == 2);
        assertThat(deadLetterReasons(key)).anySatisfy(r -> assertThat(r).contains("not a UUID"));
    }

    @Test
    void textWithNulCharactersIsStoredWithoutThem() throws Exception {
        NewsItemEvent item = Broker.item("Nul\u0000title", "Body with a nul\u0000 character. " + Broker.noise(10), null, "en");
        Broker.send(item);
        Broker.awaitStored(item.id());
        assertThat(Broker.string("SELECT title FROM analysis.item WHERE id = ?::uuid", item.id())).isEqualTo("Nultitle");
    }

    private static String snapshot(String id) throws Exception {
        return Broker.string("""
                SELECT i.stored_at::text || '|' || i.story_id || '|' || coalesce(i.duplicate_of::text, '-')
                    || '|' || (SELECT count(*) FROM analysis.item_topic t WHERE t.item_id = i.id)
                    || '|' || (SELECT string_agg(s.id::text, ',') FROM analysis.signal s WHERE s.item_id = i.id)
                    || '|' || (SELECT count(*) FROM analysis.story_band b WHERE b.item_id = i.id)
                FROM analysis.item i WHERE i.id = ?::uuid""", id);
    }

    private static List<String> deadLetterReasons(String key) {
        Properties p = KafkaBroker.clientProperties();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<String> reasons = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(KafkaTopics.NEWS_RAW_DLQ));
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(5))) {
                if (key.equals(r.key())) {
                    reasons.add(new String(r.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8));
                    assertThat(r.headers().lastHeader("dead-letter-topic").value())
                            .isEqualTo(KafkaTopics.NEWS_RAW.getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        return reasons;
    }
}
