package org.panelwatch.analysis.messaging;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.panelwatch.analysis.mapping.EventMapper;
import org.panelwatch.analysis.repository.Signal;
import org.panelwatch.analysis.service.StoredItem;
import org.panelwatch.common.event.SignalEvent;
import org.panelwatch.common.event.TaggedItemEvent;

/** Publishes what a batch stored: one tagged event per item, one signal event per story's first signal. */
@ApplicationScoped
public class AnalysisPublisher {

    static final String TAGGED = "news-tagged";
    static final String SIGNALS = "signals";

    private final Emitter<TaggedItemEvent> tagged;
    private final Emitter<SignalEvent> signals;
    private final EventMapper mapper;

    public AnalysisPublisher(
            @Channel(TAGGED) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<TaggedItemEvent> tagged,
            @Channel(SIGNALS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<SignalEvent> signals,
            EventMapper mapper) {
        this.tagged = tagged;
        this.signals = signals;
        this.mapper = mapper;
    }

    /** Completes when the broker has acknowledged every event. */
    public CompletableFuture<Void> publish(List<StoredItem> stored) {
        return publish(stored, itemId -> Context.current());
    }

    /**
     * The same, each item's events sent in the trace context {@code traceOf} gives for its id, so the
     * connector's producer span and the records' {@code traceparent} header continue the item's trace.
     */
    public CompletableFuture<Void> publish(List<StoredItem> stored, Function<String, Context> traceOf) {
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (StoredItem s : stored) {
            String key = s.item().id.toString();
            TracingMetadata trace = TracingMetadata.withCurrent(traceOf.apply(key));
            sent.add(send(tagged, key, mapper.tagged(s.item(), s.analysis()), trace));
            for (Signal signal : s.signalsToPublish()) {
                sent.add(send(signals, key, mapper.signal(s.item(), s.analysis(), signal), trace));
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    private static <T> CompletableFuture<Void> send(Emitter<T> emitter, String key, T payload, TracingMetadata trace) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        emitter.send(Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .addMetadata(trace)
                .withAck(() -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(t -> {
                    done.completeExceptionally(t);
                    return CompletableFuture.completedFuture(null);
                }));
        return done;
    }
}
