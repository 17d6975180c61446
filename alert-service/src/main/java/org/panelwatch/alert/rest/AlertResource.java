package org.panelwatch.alert.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.panelwatch.alert.mapping.ApiMapper;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.rest.ApiObjects.AlertList;
import org.panelwatch.alert.rest.ApiObjects.AlertView;
import org.panelwatch.alert.service.AlertFeed;
import org.panelwatch.alert.service.Caller;
import org.panelwatch.common.problem.Problem.FieldError;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/alerts")
@RolesAllowed({Roles.SUBSCRIBER, Roles.ADMIN})
public class AlertResource {

    private static final Logger LOG = Logger.getLogger(AlertResource.class);
    private static final long POLL_MILLIS = 250;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final long KEEPALIVE_MILLIS = 15_000;

    private final AlertFeed feed;
    private final ApiMapper mapper;
    private final SecurityIdentity identity;
    private final ExecutorService streams = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "alert-sse-stream");
        t.setDaemon(true);
        return t;
    });

    public AlertResource(AlertFeed feed, ApiMapper mapper, SecurityIdentity identity) {
        this.feed = feed;
        this.mapper = mapper;
        this.identity = identity;
    }

    @PreDestroy
    void close() {
        streams.shutdownNow();
    }

    /** Oldest first; {@code cursor} (the last alert id seen) continues a listing exactly. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
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
     */
    @GET
    @Path("stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@Context SseEventSink sink, @Context Sse sse, @HeaderParam("Last-Event-ID") String lastEventId) {
        Caller caller = Callers.of(identity);
        long start = lastEventId == null || lastEventId.isBlank() ? feed.latestId(caller) : parseId(lastEventId, "Last-Event-ID");
        streams.submit(() -> pump(caller, start, sink, sse));
    }

    private void pump(Caller caller, long afterId, SseEventSink sink, Sse sse) {
        long last = afterId;
        long quietSince = System.currentTimeMillis();
        try (sink) {
            // Opens the stream at once (headers flushed) so the client knows it is connected.
            sink.send(sse.newEventBuilder().comment("connected").reconnectDelay(1000).build()).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            while (!sink.isClosed() && !Thread.currentThread().isInterrupted()) {
                List<Alert> batch = feed.after(caller, last, null, 100);
                for (Alert a : batch) {
                    OutboundSseEvent event = sse.newEventBuilder().id(Long.toString(a.id())).name("alert")
                            .reconnectDelay(1000).mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(AlertView.class, mapper.view(a)).build();
                    sink.send(event).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    last = a.id();
                }
                if (batch.isEmpty()) {
                    if (System.currentTimeMillis() - quietSince > KEEPALIVE_MILLIS) {
                        sink.send(sse.newEventBuilder().comment("keep-alive").build()).toCompletableFuture()
                                .get(10, TimeUnit.SECONDS);
                        quietSince = System.currentTimeMillis();
                    }
                    Thread.sleep(POLL_MILLIS);
                } else {
                    quietSince = System.currentTimeMillis();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.debugf("alert stream closed: %s", e.getMessage());
        }
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
