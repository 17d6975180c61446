package org.panelwatch.ingest.fetch;

import java.time.Duration;

/**
 * A page could not be had. {@link #reason()} is what the queue row records: a fixed code and the
 * particulars ("http-404: Not Found at https://..."). A retryable failure may pass on a later try;
 * {@link #retryAfter()} is the server's own word on when (RFC 9110 section 10.2.3), when it gave one.
 */
public class PageFetchException extends Exception {

    private final String code;
    private final boolean retryable;
    private final transient Duration retryAfter;

    public PageFetchException(String code, String detail, boolean retryable) {
        this(code, detail, retryable, null, null);
    }

    public PageFetchException(String code, String detail, boolean retryable, Duration retryAfter, Throwable cause) {
        super(code + ": " + detail, cause);
        this.code = code;
        this.retryable = retryable;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }

    public boolean retryable() {
        return retryable;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
