package org.panelwatch.alert.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.CompletionStage;
import org.panelwatch.alert.mapping.ApiMapper;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.rest.ApiObjects.AlertView;
import org.panelwatch.alert.service.StreamClient;

/** One Server-Sent Events connection of {@code GET /alerts/stream}: {@code event: alert}, {@code id:} the alert id. */
final class SseStreamClient implements StreamClient {

    /** How long an EventSource waits before reconnecting (the {@code retry:} field). */
    private static final long RECONNECT_DELAY_MILLIS = 1000;

    private final SseEventSink sink;
    private final Sse sse;
    private final ApiMapper mapper;

    SseStreamClient(SseEventSink sink, Sse sse, ApiMapper mapper) {
        this.sink = sink;
        this.sse = sse;
        this.mapper = mapper;
    }

    @Override
    public CompletionStage<?> sendGreeting() {
        return sink.send(sse.newEventBuilder().comment("connected").reconnectDelay(RECONNECT_DELAY_MILLIS).build());
    }

    @Override
    public CompletionStage<?> sendAlert(Alert alert) {
        return sink.send(sse.newEventBuilder().id(Long.toString(alert.id())).name("alert")
                .mediaType(MediaType.APPLICATION_JSON_TYPE).data(AlertView.class, mapper.view(alert)).build());
    }

    @Override
    public CompletionStage<?> sendKeepAlive() {
        return sink.send(sse.newEventBuilder().comment("keep-alive").build());
    }

    @Override
    public boolean isGone() {
        return sink.isClosed();
    }

    /**
     * Quarkus REST closes the sink from the Vert.x connection's close handler and tells the sink's broadcaster:
     * the JAX-RS way to hear at once that a client has left (a Vert.x close handler of our own would replace
     * Quarkus's, there is one per response). The broadcaster never broadcasts, and there is one per stream
     * because a broadcaster keeps every sink it was given, closed or not.
     */
    @Override
    public void onGone(Runnable whenGone) {
        SseBroadcaster closeNotice = sse.newBroadcaster();
        closeNotice.onClose(closed -> whenGone.run());
        closeNotice.register(sink);
    }

    @Override
    public void close() {
        sink.close();
    }
}
