package org.panelwatch.alert.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.repository.AttemptOutcome;
import org.panelwatch.alert.repository.ClaimedDelivery;
import org.panelwatch.alert.repository.Delivery;
import org.panelwatch.alert.repository.DeliveryTraceRepository;
import org.panelwatch.alert.repository.NewDelivery;
import org.panelwatch.alert.service.SendResult;
import org.panelwatch.common.event.SignalEvent;
import org.panelwatch.common.telemetry.PipelineLatency;
import org.panelwatch.common.telemetry.RecordTrace;

/**
 * alert-service's traces and pipeline metrics: a span per signal record (continuing the trace the
 * record's header names), the trace kept with each alert delivery, a span per send in that trace,
 * deliveries counted by outcome, and the delivered stage of {@link PipelineLatency}.
 */
@ApplicationScoped
public class AlertTelemetry {

    private static final Logger LOG = Logger.getLogger(AlertTelemetry.class);
    static final String DELIVERIES = "panelwatch.alert.deliveries";

    private final Tracer tracer;
    private final MeterRegistry registry;
    private final DeliveryTraceRepository traces;
    private final PipelineLatency delivered;
    private final Map<String, Counter> outcomes = new ConcurrentHashMap<>();

    public AlertTelemetry(Tracer tracer, MeterRegistry registry, DeliveryTraceRepository traces) {
        this.tracer = tracer;
        this.registry = registry;
        this.traces = traces;
        this.delivered = PipelineLatency.of(registry, PipelineLatency.Stage.DELIVERED);
        // Present from the start, so a dashboard's rate() reads 0 rather than no data.
        for (String channel : List.of("webhook", "email")) {
            List.of("delivered", "retry", "failed", "gone", "dropped").forEach(o -> outcome(o, Delivery.KIND_ALERT, channel));
        }
    }

    /** Starts one span per record of the batch; see {@link ReceivedSignals}. */
    public ReceivedSignals received(ConsumerRecords<String, byte[]> records) {
        ReceivedSignals received = new ReceivedSignals();
        for (ConsumerRecord<String, byte[]> record : records) {
            Header header = record.headers().lastHeader(RecordTrace.HEADER);
            String traceparent = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            received.add(record.key(), tracer.spanBuilder(record.topic() + " process")
                    .setSpanKind(SpanKind.CONSUMER)
                    .setParent(RecordTrace.parent(traceparent))
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation", "process")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.consumer.group.name", "alert-service")
                    .setAttribute(AttributeKey.longKey("messaging.destination.partition.id"), (long) record.partition())
                    .setAttribute(AttributeKey.longKey("messaging.kafka.offset"), record.offset())
                    .setAttribute("messaging.kafka.message.key", record.key() == null ? "" : record.key())
                    .startSpan());
        }
        return received;
    }

    /**
     * Keeps, in the intake's transaction, the trace and ingest time of each new alert delivery, taken from the
     * signal its alert was made for (its trace found by the signal's item id, the record's key).
     */
    public void delivering(List<NewDelivery> pending, List<Alert> alerts, Map<String, SignalEvent> bySignalId,
            Map<String, String> traceparentByItem) {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, String> signalOfAlert = new HashMap<>();
        alerts.forEach(a -> signalOfAlert.put(a.id(), a.signalId()));
        Map<String, DeliveryTrace> rows = new HashMap<>();
        for (NewDelivery d : pending) {
            String signalId = signalOfAlert.get(d.alertId());
            SignalEvent signal = signalId == null ? null : bySignalId.get(signalId);
            String traceparent = signal == null || signal.itemId() == null ? null : traceparentByItem.get(signal.itemId());
            if (signal != null && (traceparent != null || signal.ingestedAt() != null)) {
                rows.put(d.id(), new DeliveryTrace(traceparent, signal.ingestedAt()));
            }
        }
        traces.insertAll(rows);
    }

    /** The traces of claimed deliveries, by delivery id; none (never a failed round) when they cannot be read. */
    public Map<String, DeliveryTrace> tracesOf(List<ClaimedDelivery> claimed) {
        List<String> ids = claimed.stream().filter(d -> Delivery.KIND_ALERT.equals(d.kind())).map(ClaimedDelivery::id).toList();
        try {
            return traces.find(ids);
        } catch (RuntimeException e) {
            LOG.warnf("delivery traces could not be read (%s); these sends start traces of their own", e.getMessage());
            return Map.of();
        }
    }

    /** A span for one attempt to send, a child of the trace the delivery's signal arrived in. */
    public Span sending(ClaimedDelivery d, DeliveryTrace trace) {
        return tracer.spanBuilder(d.kind() + " delivery " + d.channelType())
                .setSpanKind(SpanKind.CLIENT)
                .setParent(RecordTrace.parent(trace == null ? null : trace.traceparent()))
                .setAttribute("panelwatch.delivery.id", d.id())
                .setAttribute("panelwatch.delivery.kind", d.kind())
                .setAttribute("panelwatch.delivery.channel", d.channelType())
                .setAttribute("panelwatch.subscription.id", String.valueOf(d.subscriptionId()))
                .setAttribute(AttributeKey.longKey("panelwatch.delivery.attempt"), (long) d.attempts() + 1)
                .startSpan();
    }

    /** Ends the send's span; a delivered alert records how long after its item's ingest it arrived. */
    public void sent(Span span, DeliveryTrace trace, SendResult result, Throwable failure) {
        if (result != null && result.statusCode() != null) {
            span.setAttribute(AttributeKey.longKey("http.response.status_code"), (long) result.statusCode());
        }
        if (failure != null) {
            span.recordException(failure);
        }
        if (result == null || !result.delivered()) {
            span.setStatus(StatusCode.ERROR, result == null || result.error() == null ? "not delivered" : result.error());
        } else if (trace != null) {
            delivered.since(trace.ingestedAt());
        }
        span.end();
    }

    /** Counts one recorded attempt by what came of it: delivered, retry, failed, gone or dropped. */
    public void recorded(ClaimedDelivery d, SendResult result, AttemptOutcome outcome) {
        String label;
        if (result == null) {
            label = "dropped"; // the subscription was no longer active
        } else if (Delivery.DELIVERED.equals(outcome.newStatus())) {
            label = "delivered";
        } else if (Delivery.PENDING.equals(outcome.newStatus())) {
            label = "retry";
        } else {
            label = result.gone() ? "gone" : "failed";
        }
        outcome(label, d.kind(), d.channelType() == null ? "unknown" : d.channelType()).increment();
    }

    private Counter outcome(String outcome, String kind, String channel) {
        return outcomes.computeIfAbsent(outcome + '|' + kind + '|' + channel, key -> Counter.builder(DELIVERIES)
                .description("Delivery attempts recorded, by what came of them")
                .tag("outcome", outcome).tag("kind", kind).tag("channel", channel)
                .register(registry));
    }
}
