package org.panelwatch.analysis.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends records that cannot be processed to {@code panelwatch.news.raw.dlq} exactly as received,
 * with the reason in headers (the names SmallRye's own dead-letter strategy uses).
 */
@ApplicationScoped
public class DeadLetters {

    static final String CHANNEL = "news-raw-dlq";

    private final Emitter<byte[]> emitter;

    public DeadLetters(@Channel(CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    public CompletableFuture<Void> send(ConsumerRecord<byte[], byte[]> record, Throwable reason) {
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
        OutgoingKafkaRecordMetadata<byte[]> metadata = OutgoingKafkaRecordMetadata.<byte[]>builder()
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
