package org.panelwatch.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

/**
 * The one consumer shape of the analysis and alert services: what cannot be read or stored on its own
 * is dead-lettered and the rest goes on; an unreachable database is waited out; anything else fails.
 * The dead-letter emitter is an in-memory stand-in that acknowledges every record (the services' own
 * consumer tests send to the real broker).
 */
class BatchIntakeTest {

    private final RecordingEmitter emitter = new RecordingEmitter();
    private final BatchIntake<String, String> intake = new BatchIntake<>("word", BatchIntakeTest::read,
            new DeadLetterTopic(emitter), new DatabaseWait(Duration.ofMillis(1), Duration.ofMillis(4)));

    @Test
    void aRecordThatCannotBeReadIsDeadLetteredWithItsReasonAndTheRestIsStored() throws Exception {
        List<String> stored = intake.take(batch("alpha", "", "beta"), words -> words);
        assertThat(stored).containsExactly("alpha", "beta");
        assertThat(emitter.reasons()).containsExactly("no word in the record");
        assertThat(emitter.sent.get(0).getPayload()).isEmpty();
    }

    @Test
    void aRecordTheDatabaseRefusesIsFoundOneByOneAndDeadLettered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> stored = intake.take(batch("alpha", "refused", "beta"), words -> {
            calls.incrementAndGet();
            if (words.contains("refused")) {
                throw new IllegalStateException(new SQLException("value too long for type", "22001"));
            }
            return words;
        });
        assertThat(stored).containsExactly("alpha", "beta");
        assertThat(calls).hasValue(4);
        assertThat(emitter.reasons()).containsExactly("value too long for type");
        assertThat(new String(emitter.sent.get(0).getPayload(), StandardCharsets.UTF_8)).isEqualTo("refused");
    }

    @Test
    void anUnreachableDatabaseIsWaitedOutAndNothingIsDeadLettered() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> stored = intake.take(batch("alpha", "beta"), words -> {
            if (calls.incrementAndGet() <= 3) {
                throw new IllegalStateException(new SQLException("Connection refused", "08001"));
            }
            return words;
        });
        assertThat(stored).containsExactly("alpha", "beta");
        assertThat(emitter.sent).isEmpty();
    }

    @Test
    void aFailureOfTheServiceOrTheSchemaFailsTheBatchRatherThanDeadLetteringGoodRecords() {
        assertThatThrownBy(() -> intake.take(batch("alpha", "beta"), words -> {
            throw new IllegalStateException(new SQLException("relation \"item\" does not exist", "42P01"));
        })).hasRootCauseMessage("relation \"item\" does not exist");
        assertThat(emitter.sent).isEmpty();
    }

    private static String read(byte[] value) {
        String word = new String(value, StandardCharsets.UTF_8);
        if (word.isEmpty()) {
            throw new IllegalArgumentException("no word in the record");
        }
        return word;
    }

    private static ConsumerRecords<String, byte[]> batch(String... words) {
        TopicPartition partition = new TopicPartition("words", 0);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            records.add(new ConsumerRecord<>("words", 0, i, "k" + i, words[i].getBytes(StandardCharsets.UTF_8)));
        }
        return new ConsumerRecords<>(Map.of(partition, records));
    }

    /** Keeps what is sent and acknowledges it at once, as a broker that accepts everything would. */
    private static final class RecordingEmitter implements Emitter<byte[]> {

        final List<Message<byte[]>> sent = new ArrayList<>();

        List<String> reasons() {
            return sent.stream().map(m -> m.getMetadata(io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.class)
                    .map(md -> new String(md.getHeaders().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .orElseThrow()).toList();
        }

        @Override
        public CompletionStage<Void> send(byte[] payload) {
            send(Message.of(payload));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public <M extends Message<? extends byte[]>> void send(M message) {
            @SuppressWarnings("unchecked")
            Message<byte[]> m = (Message<byte[]>) message;
            sent.add(m);
            m.ack();
        }

        @Override
        public void complete() {
        }

        @Override
        public void error(Exception e) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean hasRequests() {
            return true;
        }
    }
}
