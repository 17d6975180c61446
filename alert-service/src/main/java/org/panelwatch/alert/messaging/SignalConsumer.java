package org.panelwatch.alert.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.panelwatch.alert.service.DeliveryWorker;
import org.panelwatch.alert.service.SignalIntake;
import org.panelwatch.alert.telemetry.AlertTelemetry;
import org.panelwatch.alert.telemetry.ReceivedSignals;
import org.panelwatch.common.event.SignalEvent;
import org.panelwatch.common.messaging.BatchIntake;
import org.panelwatch.common.messaging.DeadLetterTopic;

/**
 * Translates batches of {@code panelwatch.signals} records into one call of the intake: one database
 * transaction per poll. A record that is not a signal, or that cannot be stored on its own, goes to
 * {@value #DLQ_TOPIC} with the reason and the rest of the batch goes on; the batch is held while the
 * database is unreachable. Reading, waiting out the database and dead-lettering are
 * {@link BatchIntake}'s, the same as analysis-service's news consumer.
 */
@ApplicationScoped
public class SignalConsumer {

    public static final String CHANNEL = "signals";
    public static final String DLQ_CHANNEL = "signals-dlq";
    public static final String DLQ_TOPIC = "panelwatch.signals.dlq";

    private final SignalIntake intake;
    private final DeliveryWorker worker;
    private final ObjectMapper mapper;
    private final BatchIntake<String, SignalEvent> batches;
    private final AlertTelemetry telemetry;

    public SignalConsumer(SignalIntake intake, DeliveryWorker worker, ObjectMapper mapper,
            @Channel(DLQ_CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> deadLetters,
            AlertTelemetry telemetry) {
        this.telemetry = telemetry;
        this.intake = intake;
        this.worker = worker;
        this.mapper = mapper;
        this.batches = new BatchIntake<>("signal", this::parse, new DeadLetterTopic(deadLetters));
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws Exception {
        ReceivedSignals spans = telemetry.received(records);
        try {
            List<Integer> created = batches.take(records, signals -> List.of(intake.accept(signals, spans.traceparents())));
            spans.end();
            if (created.stream().mapToInt(Integer::intValue).sum() > 0) {
                worker.wake();
            }
        } catch (Exception e) {
            spans.fail(e);
            throw e;
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
}
