package org.panelwatch.alert.service;

import java.time.Duration;

/** What one attempt to send came to. {@code retryAfter} is set when the receiver asked for a pause (429/503). */
public record SendResult(boolean delivered, Integer statusCode, String error, long durationMs, Duration retryAfter) {

    public static final int GONE = 410;

    public static SendResult ok(int status, long durationMs) {
        return new SendResult(true, status, null, durationMs, null);
    }

    public static SendResult failed(Integer status, String error, long durationMs, Duration retryAfter) {
        return new SendResult(false, status, error, durationMs, retryAfter);
    }

    /** 410 Gone: the receiver says the endpoint will never come back. */
    public boolean gone() {
        return statusCode != null && statusCode == GONE;
    }
}
