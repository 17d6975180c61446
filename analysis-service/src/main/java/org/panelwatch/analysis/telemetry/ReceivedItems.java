package org.panelwatch.analysis.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import java.util.HashMap;
import java.util.Map;

/**
 * The spans of one batch of {@code panelwatch.news.raw} records, one per item, each continuing the trace
 * its record's {@code traceparent} header names. What the batch publishes for an item is sent in that
 * item's span, so the trace goes on to the signal's consumer.
 */
public final class ReceivedItems {

    private final Map<String, Span> byItemId = new HashMap<>();

    void add(String itemId, Span span) {
        Span previous = byItemId.put(itemId, span);
        if (previous != null) {
            // The same item twice in one batch (a redelivery): the later record carries on.
            previous.end();
        }
    }

    /** The context to send an item's events in: its span, or none when the batch had no record of it. */
    public Context contextOf(String itemId) {
        Span span = byItemId.get(itemId);
        return span == null ? Context.current() : Context.root().with(span);
    }

    public void end() {
        byItemId.values().forEach(Span::end);
    }

    public void fail(Throwable failure) {
        for (Span span : byItemId.values()) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR);
            span.end();
        }
    }
}
