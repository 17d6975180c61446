package org.panelwatch.e2e.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The push API's accepted items per second (batches over HTTP, several clients at once) beside a
 * plain KafkaProducer loop that sends the same records, with the ingest service's producer
 * settings, to a topic of the same partition count.
 */
final class IngestThroughput {

    static final String RAW_TOPIC = "panelwatch.bench.raw";

    record Result(double rawRecordsPerSecond, double apiItemsPerSecond, int accepted, long pushStartNanos,
                  long pushEndNanos) {
    }

    private final String bootstrap;
    private final PushClient client;
    private final int partitions;

    IngestThroughput(String bootstrap, PushClient client, int partitions) {
        this.bootstrap = bootstrap;
        this.client = client;
        this.partitions = partitions;
    }

    Result measure(List<Map<String, Object>> items, int batch, int concurrency) throws Exception {
        double raw = rawProducerRate(items);
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += batch) {
            batches.add(items.subList(from, Math.min(items.size(), from + batch)));
        }
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long start = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                        accepted.addAndGet(client.push(batches.get(i)));
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
        long end = System.nanoTime();
        return new Result(raw, accepted.get() / ((end - start) / 1e9), accepted.get(), start, end);
    }

    /** The records as ingest writes them (the item plus id, ingestedAt, schemaVersion), acks=all, idempotent, lz4. */
    private double rawProducerRate(List<Map<String, Object>> items) throws Exception {
        Properties admin = new Properties();
        admin.put("bootstrap.servers", bootstrap);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(RAW_TOPIC, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        List<byte[]> values = new ArrayList<>(items.size());
        for (Map<String, Object> item : items) {
            Map<String, Object> event = new LinkedHashMap<>(item);
            event.put("schemaVersion", 1);
            event.put("id", UUID.randomUUID().toString());
            event.put("ingestedAt", Instant.now().toString());
            values.add(PushClient.json(event).getBytes(StandardCharsets.UTF_8));
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            producer.partitionsFor(RAW_TOPIC);
            long start = System.nanoTime();
            List<Future<?>> acks = new ArrayList<>(values.size());
            for (byte[] value : values) {
                acks.add(producer.send(new ProducerRecord<>(RAW_TOPIC, UUID.randomUUID().toString(), value)));
            }
            for (Future<?> ack : acks) {
                ack.get();
            }
            return values.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
