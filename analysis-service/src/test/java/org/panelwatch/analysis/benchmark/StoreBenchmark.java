package org.panelwatch.analysis.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.support.Broker;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.testing.KafkaBroker;
import org.panelwatch.testing.TestDatabase;

/**
 * Not a test: the end-to-end storage rate (produce to panelwatch.news.raw until every item, its
 * tags, entities, signals and story rows are committed) beside the raw PostgreSQL rate of batched
 * inserts of the same item rows into a copy of analysis.item (same generated search column, same
 * indexes, same lz4 compression) on one connection, measured in the same run. Run with the command
 * in the README; prints the figures and writes them to target/benchmark.txt.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBroker.class)
@QuarkusTestResource(TestDatabase.class)
@Tag("benchmark")
class StoreBenchmark {

    private static final int BATCH = 500;

    @Test
    void storedItemsPerSecondBesideRawBatchedInserts() throws Exception {
        int n = Integer.getInteger("panelwatch.benchmark.items", 5000);
        List<NewsItemEvent> items = generate(n, new Random(42));
        double raw = rawInsertRate(items);

        Properties p = KafkaBroker.clientProperties();
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        long before = Broker.count("SELECT count(*) FROM analysis.item");
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (NewsItemEvent item : items) {
                producer.send(new ProducerRecord<>(KafkaTopics.NEWS_RAW, item.id(), Broker.JSON.writeValueAsBytes(item)));
            }
        }
        double produced = n / seconds(start);
        long stored;
        do {
            Thread.sleep(200);
            stored = Broker.count("SELECT count(*) FROM analysis.item") - before;
        } while (stored < n && seconds(start) < 1800);
        double endToEnd = stored / seconds(start);
        assertThat(stored).isEqualTo(n);

        String report = String.format("""
                analysis-service store benchmark, %d items of ~%d characters, engine: %s
                  produced to Kafka:                              %8.0f items/s
                  stored end to end (consumed, tagged, committed): %8.0f items/s
                  raw PostgreSQL batched inserts, same item rows: %8.0f rows/s (batches of %d, one connection)
                """, n, items.get(0).text().length(),
                Boolean.getBoolean("panelwatch.benchmark.real-engine") ? "real (bundled catalogue)" : "test fake",
                produced, endToEnd, raw, BATCH);
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark.txt"), report);
    }

    private static double rawInsertRate(List<NewsItemEvent> items) throws Exception {
        try (Connection c = TestDatabase.connect(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS analysis.bench_item");
            st.execute("CREATE TABLE analysis.bench_item (LIKE analysis.item INCLUDING ALL)");
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO analysis.bench_item (id, url, title, body, published, source, lang, ingested_at, sort_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int inBatch = 0;
                for (NewsItemEvent item : items) {
                    insert.setObject(1, UUID.fromString(item.id()));
                    insert.setString(2, item.url());
                    insert.setString(3, item.title());
                    insert.setString(4, item.text());
                    insert.setTimestamp(5, Timestamp.from(item.published()));
                    insert.setString(6, item.source());
                    insert.setString(7, item.lang());
                    insert.setTimestamp(8, Timestamp.from(item.ingestedAt()));
                    insert.setTimestamp(9, Timestamp.from(item.published()));
                    insert.addBatch();
                    if (++inBatch == BATCH) {
                        insert.executeBatch();
                        c.commit();
                        inBatch = 0;
                    }
                }
                insert.executeBatch();
                c.commit();
            }
            double rate = items.size() / seconds(start);
            c.setAutoCommit(true);
            st.execute("DROP TABLE analysis.bench_item");
            return rate;
        }
    }

    /** News-like English text of about 4 KB: reporting sentences, some about Russia and the DPRK, and unique words. */
    static List<NewsItemEvent> generate(int n, Random random) {
        String[] sentences = {
                "North Korea has shipped artillery shells and KN-23 ballistic missiles to Russia, according to officials in Seoul.",
                "Satellite imagery showed freight trains loaded with containers at the Tumangang rail crossing.",
                "The Panel of Experts of the 1718 Committee reported new ship-to-ship transfers of refined petroleum.",
                "Analysts said the vessel had switched off its AIS transponder before reaching the port of Nampo.",
                "Ministers met in Moscow to discuss trade, tourism and the reopening of passenger flights.",
                "The central bank announced that inflation had slowed for the third month in a row.",
                "Local officials opened a new bridge across the river after two years of construction.",
                "North Korean workers were seen at construction sites in Vladivostok despite the ban on overseas workers.",
                "Hackers linked to Pyongyang stole cryptocurrency worth hundreds of millions of dollars, investigators said.",
                "The football season resumed on Saturday with a crowd of twenty thousand people in the stadium.",
        };
        List<NewsItemEvent> items = new ArrayList<>(n);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            StringBuilder text = new StringBuilder(4200);
            while (text.length() < 4000) {
                text.append(sentences[random.nextInt(sentences.length)]).append(' ');
                for (int w = 0; w < 8; w++) {
                    text.append(Long.toString(random.nextLong() & Long.MAX_VALUE, 36), 0, 6).append(' ');
                }
                text.append(". ");
            }
            Instant published = base.plusSeconds(random.nextInt(300 * 86400));
            items.add(new NewsItemEvent(1, UUID.randomUUID().toString(), "https://bench.example/" + i,
                    "Benchmark item " + i, text.toString(), published, "Bench", "en", null, null, published, null));
        }
        return items;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
