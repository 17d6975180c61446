package org.panelwatch.analysis.api;

import java.time.Instant;

/**
 * The outcome of one refresh of the UN list: {@code replaced} (a new list is in use), {@code not-modified}
 * (the UN answered 304, or sent the list in use), {@code refused} (the answer failed its checks: empty,
 * truncated, not the UN's structure) or {@code failed} (no answer, or an HTTP error); {@code reason}
 * says why for the last two.
 */
public record UnListRefresh(String outcome, String reason, String dateGenerated, Instant checkedAt) {
}
