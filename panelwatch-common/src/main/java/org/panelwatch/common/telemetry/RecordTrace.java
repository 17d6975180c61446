package org.panelwatch.common.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * The W3C Trace Context of one item as it travels between the services: a {@code traceparent} Kafka
 * record header, or a column where an outbox keeps it. Parsed and written with the W3C propagator
 * itself rather than the application's configured one, so the header keeps its format and the trace
 * id still travels when the OpenTelemetry SDK is disabled (its propagators are then no-ops).
 */
public final class RecordTrace {

    public static final String HEADER = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private RecordTrace() {
    }

    /** The context a {@code traceparent} value names, or the root context when it is missing or malformed. */
    public static Context parent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        Map<String, String> carrier = new HashMap<>(2);
        carrier.put(HEADER, traceparent.trim());
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), carrier, MAP);
    }

    /** The {@code traceparent} value of a span's context, or null when the context is not valid. */
    public static String traceparent(SpanContext context) {
        if (context == null || !context.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(Span.wrap(context)), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The {@code traceparent} value of the span current in {@code context}, or null. */
    public static String traceparent(Context context) {
        return traceparent(Span.fromContext(context).getSpanContext());
    }

    /** The trace id a {@code traceparent} value carries, or null. */
    public static String traceId(String traceparent) {
        SpanContext context = Span.fromContext(parent(traceparent)).getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }
}
