package org.panelwatch.alert.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.panelwatch.alert.service.DeliveryWorker;
import org.panelwatch.alert.service.SignalIntake;
import org.panelwatch.alert.telemetry.AlertTelemetry;
import org.panelwatch.alert.telemetry.ReceivedSignals;
import org.panelwatch.common.event.SignalEvent;
import org.panelwatch.common.messaging.DatabaseWait;

/**
 * Translates batches of {@code panelwatch.signals} records into one call of the intake. A record that is
 * not a signal goes to {@value #DLQ_TOPIC} with the reason in a header, and the rest of the batch goes on.
 * While the database is unreachable the batch is held and stored again until it is back (see
 * {@link DatabaseWait}); a batch that fails a few times for any other reason is nacked and the
 * connector's failure strategy sends it to the same dead-letter topic.
 */
@ApplicationScoped
public class SignalConsumer {

    public static final String CHANNEL = "signals";
    public static final String DLQ_CHANNEL = "signals-dlq";
    public static final String DLQ_TOPIC = "panelwatch.signals.dlq";
    private static final Logger LOG = Logger.getLogger(SignalConsumer.class);
    private static final int STORE_TRIES = 4;
    private static final Duration FIRST_DATABASE_WAIT = Duration.ofMillis(500);
    private static final Duration LONGEST_DATABASE_WAIT = Duration.ofSeconds(5);

    private final SignalIntake intake;
    private final DeliveryWorker worker;
    private final ObjectMapper mapper;
    private final MutinyEmitter<byte[]> deadLetters;
    private final DatabaseWait databaseWait = new DatabaseWait(FIRST_DATABASE_WAIT, LONGEST_DATABASE_WAIT);

    private final AlertTelemetry telemetry;

    public SignalConsumer(SignalIntake intake, DeliveryWorker worker, ObjectMapper mapper,
            @Channel(DLQ_CHANNEL) MutinyEmitter<byte[]> deadLetters, AlertTelemetry telemetry) {
        this.telemetry = telemetry;
        this.intake = intake;
        this.worker = worker;
        this.mapper = mapper;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        ReceivedSignals spans = telemetry.received(records);
        List<SignalEvent> signals = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                SignalEvent signal = parse(record.value());
                signals.add(signal);
                spans.identify(record, signal.signalId());
            } catch (RuntimeException | java.io.IOException e) {
                deadLetter(record, e);
            }
        }
        if (signals.isEmpty()) {
            spans.end();
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                if (databaseWait.untilDone(signals.size() + " signals", () -> intake.accept(signals, spans.traceparents())) > 0) {
                    worker.wake();
                }
                spans.end();
                return;
            } catch (RuntimeException e) {
                if (attempt >= STORE_TRIES) {
                    spans.fail(e);
                    throw e;
                }
                LOG.warnf(e, "storing %d signals failed (try %d of %d), retrying", signals.size(), attempt, STORE_TRIES);
                Thread.sleep(500L << attempt);
            }
        }
    }

    private SignalEvent parse(byte[] value) throws java.io.IOException {
        if (value == null) {
            throw new IllegalArgumentException("record has no value");
        }
        SignalEvent s = mapper.readValue(value, SignalEvent.class);
        if (s.signalId() == null || s.signalId().isBlank() || s.type() == null || s.itemId() == null) {
            throw new IllegalArgumentException("record is not a signal: signalId, type and itemId are required");
        }
        if (!(s.score() >= 0.0 && s.score() <= 1.0)) {
            throw new IllegalArgumentException("signal score " + s.score() + " is outside [0, 1]");
        }
        return s;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, Exception reason) {
        LOG.warnf("signal record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(), DLQ_TOPIC,
                reason.getMessage());
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", String.valueOf(reason.getMessage()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-cause", reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        byte[] value = record.value() == null ? new byte[0] : record.value();
        deadLetters.sendMessageAndAwait(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()));
    }
}
