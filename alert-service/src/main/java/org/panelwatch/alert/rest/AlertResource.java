package org.panelwatch.alert.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.alert.mapping.ApiMapper;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.rest.ApiObjects.AlertList;
import org.panelwatch.alert.service.AlertFeed;
import org.panelwatch.alert.service.AlertStreams;
import org.panelwatch.common.problem.Problem.FieldError;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/alerts")
@RolesAllowed({Roles.SUBSCRIBER, Roles.ADMIN})
public class AlertResource {

    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    private final AlertFeed feed;
    private final ApiMapper mapper;
    private final AlertStreams streams;
    private final SecurityIdentity identity;

    public AlertResource(AlertFeed feed, ApiMapper mapper, AlertStreams streams, SecurityIdentity identity) {
        this.feed = feed;
        this.mapper = mapper;
        this.streams = streams;
        this.identity = identity;
    }

    /** Oldest first; {@code cursor} (the last alert id seen) continues a listing exactly. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's alerts oldest first, since a time or after a cursor (the last alert id seen)")
    public AlertList list(@QueryParam("since") String since, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 500) {
            throw ProblemException.validation(List.of(new FieldError(null, "limit", "must be between 1 and 500")));
        }
        Instant from = null;
        if (since != null) {
            try {
                from = Instant.parse(since);
            } catch (DateTimeParseException e) {
                throw ProblemException.validation(List.of(new FieldError(null, "since", "must be an ISO-8601 UTC time")));
            }
            // java.time reaches the year one billion, PostgreSQL's timestamptz only 294276 AD (PostgreSQL manual, 8.5).
            if (from.isBefore(EARLIEST) || !from.isBefore(LATEST)) {
                throw ProblemException.validation(List.of(new FieldError(null, "since", "must lie between the years 1 and 9999")));
            }
        }
        List<Alert> page = feed.after(Callers.of(identity), parseId(cursor, "cursor"), from, limit);
        String next = page.size() == limit ? Long.toString(page.get(page.size() - 1).id()) : null;
        return new AlertList(page.stream().map(mapper::view).toList(), next);
    }

    /**
     * Server-Sent Events: each alert as it is created, event id = alert id. A client that reconnects with
     * {@code Last-Event-ID} first gets every alert it missed. Without it the stream starts with new alerts.
     * {@link AlertStreams} feeds every open stream and refuses one past its limits with 429.
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Server-Sent Events: each alert as it is created; Last-Event-ID resumes after the alert it names")
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId) {
        OptionalLong resumeAfter = lastEventId == null || lastEventId.isBlank() ? OptionalLong.empty()
                : OptionalLong.of(parseId(lastEventId, "Last-Event-ID"));
        streams.open(Callers.of(identity), resumeAfter, new SseStreamClient(sink, sse, mapper));
    }

    private static long parseId(String value, String field) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.validation(List.of(new FieldError(null, field, "must be an alert id")));
        }
    }
}
