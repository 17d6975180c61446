package org.panelwatch.common.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends a record that cannot be processed to a dead-letter topic exactly as received (key, value,
 * headers), with the reason in the headers SmallRye's own dead-letter strategy uses:
 * {@code dead-letter-reason}, {@code -cause}, {@code -topic}, {@code -partition}, {@code -offset}.
 * The service hands it the emitter of its dead-letter channel (an outgoing channel whose serializers
 * match the incoming one's deserializers).
 */
public final class DeadLetterTopic {

    private final Emitter<byte[]> emitter;

    public DeadLetterTopic(Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when the broker has the record, exceptionally when it refuses it. */
    public <K> CompletableFuture<Void> send(ConsumerRecord<K, byte[]> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        String message = reason.getMessage() == null ? reason.getClass().getSimpleName() : reason.getMessage();
        headers.add("dead-letter-reason", utf8(message));
        headers.add("dead-letter-cause", utf8(reason.getClass().getName()));
        headers.add("dead-letter-topic", utf8(record.topic()));
        headers.add("dead-letter-partition", utf8(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", utf8(Long.toString(record.offset())));
        OutgoingKafkaRecordMetadata<K> metadata = OutgoingKafkaRecordMetadata.<K>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(Message.of(record.value() == null ? new byte[0] : record.value())
                .addMetadata(metadata)
                .withAck(() -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(t -> {
                    sent.completeExceptionally(t);
                    return CompletableFuture.completedFuture(null);
                }));
        return sent;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
