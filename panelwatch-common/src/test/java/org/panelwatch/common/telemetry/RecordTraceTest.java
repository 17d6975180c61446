package org.panelwatch.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import org.junit.jupiter.api.Test;

class RecordTraceTest {

    private static final String HEADER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aHeaderIsReadAndWrittenBackUnchanged() {
        Context parent = RecordTrace.parent(HEADER);
        SpanContext span = Span.fromContext(parent).getSpanContext();

        assertThat(span.isValid()).isTrue();
        assertThat(span.isRemote()).isTrue();
        assertThat(span.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(span.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(RecordTrace.traceparent(parent)).isEqualTo(HEADER);
        assertThat(RecordTrace.traceId(HEADER)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aMissingOrMalformedHeaderIsNoParent() {
        for (String header : new String[] {null, "", "  ", "00-zz-00f067aa0ba902b7-01", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"}) {
            assertThat(Span.fromContext(RecordTrace.parent(header)).getSpanContext().isValid()).as("%s", header).isFalse();
            assertThat(RecordTrace.traceId(header)).isNull();
        }
        assertThat(RecordTrace.traceparent(SpanContext.getInvalid())).isNull();
    }
}
