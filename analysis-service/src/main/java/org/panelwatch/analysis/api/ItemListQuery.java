package org.panelwatch.analysis.api;

import jakarta.ws.rs.QueryParam;

/**
 * The query parameters of GET /api/v1/items, as sent: the read service checks them and answers 422
 * naming each one that is invalid.
 */
public record ItemListQuery(
        @QueryParam("topic") String topic,
        @QueryParam("signal") String signal,
        @QueryParam("since") String since,
        @QueryParam("until") String until,
        @QueryParam("q") String q,
        @QueryParam("lang") String lang,
        @QueryParam("limit") String limit,
        @QueryParam("cursor") String cursor) {
}
