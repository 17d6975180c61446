package org.panelwatch.analysis.api;

import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of GET /api/v1/signals, as sent: the read service checks them and answers 422
 * naming each one that is invalid.
 */
public record SignalListQuery(
        @QueryParam("type") String type,
        @QueryParam("since") String since,
        @QueryParam("until") String until,
        @QueryParam("minScore") String minScore,
        @QueryParam("severity") String severity,
        @QueryParam("lang") String lang,
        @QueryParam("source") String source,
        @QueryParam("topic") String topic,
        @QueryParam("q") String q,
        @QueryParam("limit") String limit,
        @QueryParam("cursor") String cursor) {
}
