package org.panelwatch.ingest.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.telemetry.IngestTelemetry;

/**
 * Puts normalised items on {@code panelwatch.news.raw} and returns only when the broker has
 * acknowledged every one of them. A plain producer rather than a messaging channel: the push API
 * must bound the wait and answer 503 within seconds when the broker is down.
 */
@ApplicationScoped
public class RawNewsProducer {

    public static final String CONTENT_TYPE_HEADER = "content-type";
    public static final String TRACE_HEADER = "traceparent";
    private static final byte[] JSON = "application/json".getBytes(StandardCharsets.UTF_8);

    private final ObjectMapper mapper;
    private final IngestConfig.Kafka config;
    private final IngestTelemetry telemetry;
    private volatile KafkaProducer<String, byte[]> producer;

    public RawNewsProducer(ObjectMapper mapper, IngestConfig config, IngestTelemetry telemetry) {
        this.telemetry = telemetry;
        this.mapper = mapper;
        this.config = config.kafka();
    }

    /** Thrown when the broker did not acknowledge every record in time; some may have been written. */
    public static final class NotAcknowledgedException extends RuntimeException {
        NotAcknowledgedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The producer settings, shared with the benchmark so that both measure the same thing. */
    public static Properties producerProperties(IngestConfig.Kafka config) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // Set explicitly: an item is acknowledged to the caller only when every in-sync replica has it,
        // and a retried send never writes it twice.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(config.batchSize()));
        properties.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(config.lingerMs()));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.compressionType());
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(config.maxBlock().toMillis()));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(config.requestTimeout().toMillis()));
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(
                Math.max(config.deliveryTimeout().toMillis(), config.requestTimeout().toMillis() + config.lingerMs())));
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service-raw");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties;
    }

    /** Sends every event, keyed by item id, and waits until the broker acknowledged all of them. */
    public void publish(List<NewsItemEvent> events, String traceparent) {
        if (events.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + config.deliveryTimeout().plus(config.maxBlock()).toNanos();
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        Span span = telemetry.publishing(events, traceparent);
        byte[] trace = telemetry.traceparent(span, traceparent).getBytes(StandardCharsets.UTF_8);
        try {
            KafkaProducer<String, byte[]> kafka = producer();
            for (NewsItemEvent event : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(KafkaTopics.NEWS_RAW, event.id(), toJson(event));
                record.headers().add(CONTENT_TYPE_HEADER, JSON).add(TRACE_HEADER, trace);
                Future<RecordMetadata> ack = kafka.send(record);
                if (ack.isDone()) {
                    // A send that failed at once (no metadata within max.block.ms: the broker is down)
                    // fails the batch now; each further send would block as long again.
                    ack.get();
                }
                acks.add(ack);
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            telemetry.acknowledged(span, events);
        } catch (ExecutionException e) {
            telemetry.notAcknowledged(span, e.getCause());
            throw new NotAcknowledgedException("Kafka did not acknowledge: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException | KafkaException e) {
            telemetry.notAcknowledged(span, e);
            throw new NotAcknowledgedException("Kafka did not acknowledge in time: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            telemetry.notAcknowledged(span, e);
            throw new NotAcknowledgedException("Interrupted while waiting for Kafka", e);
        }
    }

    private byte[] toJson(NewsItemEvent event) {
        try {
            return mapper.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A news item event must serialise", e);
        }
    }

    /** Created on first use, so the service starts (and reports not ready) while the broker is down. */
    private KafkaProducer<String, byte[]> producer() {
        KafkaProducer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    current = new KafkaProducer<>(producerProperties(config));
                    producer = current;
                }
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(config.deliveryTimeout());
        }
    }
}
