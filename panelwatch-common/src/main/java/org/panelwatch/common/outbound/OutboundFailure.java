package org.panelwatch.common.outbound;

import java.io.IOException;

/**
 * Why an outbound exchange brought no answer, sorted into the few kinds a caller may tell its users.
 * Refused, reset, unreachable, a TLS failure and an answer that is not HTTP are one kind on purpose:
 * telling them apart would tell whoever chose the URL which ports of a host are open. The message keeps
 * the detail for the log.
 */
public final class OutboundFailure extends IOException {

    public enum Kind {
        /** The policy refused the host or an address it resolved to; nothing was connected. */
        NOT_ALLOWED,
        /** The host name does not resolve. */
        UNRESOLVED,
        /** No answer within the exchange's timeout (connect included). */
        TIMED_OUT,
        /** The body is longer than the request allows. */
        TOO_LARGE,
        /** Anything else between connecting and the last byte. */
        UNREACHABLE
    }

    private final Kind kind;

    public OutboundFailure(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
