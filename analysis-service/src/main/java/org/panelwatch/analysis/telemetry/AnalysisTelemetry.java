package org.panelwatch.analysis.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.panelwatch.analysis.service.StoredItem;
import org.panelwatch.common.telemetry.PipelineLatency;
import org.panelwatch.common.telemetry.RecordTrace;

/**
 * analysis-service's traces and pipeline metrics: a span per item record (continuing the trace its header
 * names), and the stored and signalled stages of {@link PipelineLatency}.
 */
@ApplicationScoped
public class AnalysisTelemetry {

    private final Tracer tracer;
    private final PipelineLatency stored;
    private final PipelineLatency signalled;

    public AnalysisTelemetry(Tracer tracer, MeterRegistry registry) {
        this.tracer = tracer;
        this.stored = PipelineLatency.of(registry, PipelineLatency.Stage.STORED);
        this.signalled = PipelineLatency.of(registry, PipelineLatency.Stage.SIGNALLED);
    }

    /** Starts one span per record, keyed by the record's key (the item id). */
    public ReceivedItems received(ConsumerRecords<byte[], byte[]> batch) {
        ReceivedItems received = new ReceivedItems();
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
            Header header = record.headers().lastHeader(RecordTrace.HEADER);
            String traceparent = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
            received.add(key, tracer.spanBuilder(record.topic() + " process")
                    .setSpanKind(SpanKind.CONSUMER)
                    .setParent(RecordTrace.parent(traceparent))
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.operation", "process")
                    .setAttribute("messaging.destination.name", record.topic())
                    .setAttribute("messaging.consumer.group.name", "analysis-service")
                    .setAttribute(AttributeKey.longKey("messaging.destination.partition.id"), (long) record.partition())
                    .setAttribute(AttributeKey.longKey("messaging.kafka.offset"), record.offset())
                    .setAttribute("panelwatch.item.id", key)
                    .startSpan());
        }
        return received;
    }

    /** The batch's items are committed (redelivered items already stored are not among them). */
    public void stored(List<StoredItem> items) {
        items.forEach(s -> stored.since(s.item().ingestedAt));
    }

    /** The broker acknowledged the batch's signals. */
    public void signalled(List<StoredItem> items) {
        items.stream().filter(s -> !s.signalsToPublish().isEmpty()).forEach(s -> signalled.since(s.item().ingestedAt));
    }
}
