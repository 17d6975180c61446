package org.panelwatch.ingest.messaging;

import io.opentelemetry.context.Context;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.panelwatch.common.telemetry.RecordTrace;

/**
 * The W3C Trace Context header carried onto Kafka records: the span current on this thread when tracing is
 * on (the request's, itself a child of the caller's), else the caller's when valid, else a new trace.
 */
public final class Traceparent {

    private static final Pattern VALID = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private Traceparent() {
    }

    public static String continueOrStart(String header) {
        String current = RecordTrace.traceparent(Context.current());
        if (current != null) {
            return current;
        }
        if (header != null && VALID.matcher(header.trim()).matches()) {
            return header.trim();
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        HexFormat hex = HexFormat.of();
        return "00-" + hex.toHexDigits(random.nextLong()) + hex.toHexDigits(random.nextLong())
                + "-" + hex.toHexDigits(random.nextLong()) + "-01";
    }
}
