package org.panelwatch.alert.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.panelwatch.common.telemetry.RecordTrace;

/**
 * The spans of one batch of {@code panelwatch.signals} records, one per record, each continuing the
 * trace its record's {@code traceparent} header names. Ended when the batch is stored.
 */
public final class ReceivedSignals {

    private final Map<ConsumerRecord<String, byte[]>, Span> byRecord = new IdentityHashMap<>();
    private final Map<String, String> traceparentBySignal = new HashMap<>();

    void add(ConsumerRecord<String, byte[]> record, Span span) {
        byRecord.put(record, span);
    }

    /** The record carried this signal: its alerts' deliveries continue the record's trace. */
    public void identify(ConsumerRecord<String, byte[]> record, String signalId) {
        Span span = byRecord.get(record);
        if (span != null) {
            span.setAttribute("panelwatch.signal.id", signalId);
            String traceparent = RecordTrace.traceparent(span.getSpanContext());
            if (traceparent != null) {
                traceparentBySignal.put(signalId, traceparent);
            }
        }
    }

    /** The traceparent of each identified signal's span, by signal id. */
    public Map<String, String> traceparents() {
        return traceparentBySignal;
    }

    public void end() {
        byRecord.values().forEach(Span::end);
    }

    public void fail(Throwable failure) {
        for (Span span : byRecord.values()) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}
