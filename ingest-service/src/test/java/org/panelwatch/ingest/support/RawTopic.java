package org.panelwatch.ingest.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/** Reads {@code panelwatch.news.raw} on the test broker from the start, and the ingest tables. */
public final class RawTopic {

    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private RawTopic() {
    }

    /** Every record on the topic with one of these keys, in offset order per partition. */
    public static List<ConsumerRecord<String, String>> recordsWithKeys(Collection<String> keys) {
        return records(r -> keys.contains(r.key()));
    }

    /** The events on the topic that pass the filter. */
    public static List<NewsItemEvent> eventsMatching(Predicate<NewsItemEvent> filter) {
        return records(r -> true).stream().map(RawTopic::event).filter(filter).toList();
    }

    private static List<ConsumerRecord<String, String>> records(Predicate<ConsumerRecord<String, String>> filter) {
        Properties p = KafkaBroker.clientProperties();
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(KafkaTopics.NEWS_RAW)) {
                partitions.add(new TopicPartition(info.topic(), info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 20_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
                    && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (filter.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    public static NewsItemEvent event(ConsumerRecord<String, String> record) {
        try {
            return JSON.readValue(record.value(), NewsItemEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean identityRecorded(String id) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement st = c.prepareStatement("SELECT 1 FROM ingest.item_identity WHERE id = ?::uuid")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }
}
