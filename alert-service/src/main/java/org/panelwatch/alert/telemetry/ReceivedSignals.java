package org.panelwatch.alert.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.panelwatch.common.telemetry.RecordTrace;

/**
 * The spans of one batch of {@code panelwatch.signals} records, one per record, each continuing the
 * trace its record's {@code traceparent} header names. A signal record is keyed by its item's id, so
 * the intake finds a signal's trace by {@code itemId}. Ended when the batch is stored.
 */
public final class ReceivedSignals {

    private final List<Span> spans = new ArrayList<>();
    private final Map<String, String> traceparentByItem = new HashMap<>();

    void add(String itemId, Span span) {
        spans.add(span);
        String traceparent = RecordTrace.traceparent(span.getSpanContext());
        if (itemId != null && traceparent != null) {
            traceparentByItem.put(itemId, traceparent);
        }
    }

    /** The traceparent of each record's span, by the record's key (the item id). */
    public Map<String, String> traceparents() {
        return traceparentByItem;
    }

    public void end() {
        spans.forEach(Span::end);
    }

    public void fail(Throwable failure) {
        for (Span span : spans) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}
