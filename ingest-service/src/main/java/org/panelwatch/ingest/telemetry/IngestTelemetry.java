package org.panelwatch.ingest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.panelwatch.common.event.KafkaTopics;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.common.telemetry.PipelineLatency;
import org.panelwatch.common.telemetry.RecordTrace;

/**
 * ingest-service's traces and pipeline metrics: the span that puts items on {@code panelwatch.news.raw}
 * (its context is the records' {@code traceparent}), the ingested stage of {@link PipelineLatency},
 * feed polls by status and article-page fetches by outcome.
 */
@ApplicationScoped
public class IngestTelemetry {

    static final String FEED_POLLS = "panelwatch.ingest.feed.polls";
    static final String PAGE_FETCHES = "panelwatch.ingest.page.fetches";
    private static final String FEED_POLLS_HELP = "Feed polls, by how they went";
    private static final String PAGE_FETCHES_HELP = "Article page fetches, by what came of them";

    private final Tracer tracer;
    private final MeterRegistry registry;
    private final PipelineLatency ingested;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IngestTelemetry(Tracer tracer, MeterRegistry registry) {
        this.tracer = tracer;
        this.registry = registry;
        this.ingested = PipelineLatency.of(registry, PipelineLatency.Stage.INGESTED);
        // Present from the start, so a dashboard's rate() reads 0 rather than no data.
        List.of("ok", "not-modified", "error").forEach(s -> counter(FEED_POLLS, "status", s, FEED_POLLS_HELP));
        List.of("page", "duplicate", "summary", "failed", "retry").forEach(o -> counter(PAGE_FETCHES, "outcome", o, PAGE_FETCHES_HELP));
    }

    /**
     * Starts the span of one send to {@code panelwatch.news.raw}: a child of the span current on this
     * thread (the request's), else of the trace the item was queued with (a page fetched later).
     */
    public Span publishing(List<NewsItemEvent> events, String traceparent) {
        Context current = Context.current();
        Context parent = Span.fromContext(current).getSpanContext().isValid() ? current : RecordTrace.parent(traceparent);
        return tracer.spanBuilder(KafkaTopics.NEWS_RAW + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation", "publish")
                .setAttribute("messaging.destination.name", KafkaTopics.NEWS_RAW)
                .setAttribute(AttributeKey.longKey("messaging.batch.message_count"), (long) events.size())
                .setAttribute("panelwatch.item.id", events.size() == 1 ? events.get(0).id() : "")
                .startSpan();
    }

    /** The {@code traceparent} the records carry: the send's span, or the one given when tracing is off. */
    public String traceparent(Span span, String given) {
        String own = RecordTrace.traceparent(span.getSpanContext());
        return own != null ? own : given;
    }

    /** The broker acknowledged every event: ends the span and records the ingested stage. */
    public void acknowledged(Span span, List<NewsItemEvent> events) {
        for (NewsItemEvent event : events) {
            ingested.since(event.ingestedAt());
        }
        span.end();
    }

    public void notAcknowledged(Span span, Throwable failure) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, "Kafka did not acknowledge");
        span.end();
    }

    /** One poll of a feed ended: ok, not-modified or error. */
    public void feedPolled(String status) {
        counter(FEED_POLLS, "status", status, FEED_POLLS_HELP).increment();
    }

    /**
     * One article page came to an end or waits for another try: page (its text was used), duplicate (its
     * canonical URL was an item already), summary (the item went on with its summary), failed (nothing could
     * be sent), retry (a failure worth another try).
     */
    public void pageFetched(String outcome) {
        counter(PAGE_FETCHES, "outcome", outcome, PAGE_FETCHES_HELP).increment();
    }

    private Counter counter(String name, String tag, String value, String description) {
        String label = value == null ? "unknown" : value;
        return counters.computeIfAbsent(name + '|' + label, key -> Counter.builder(name).description(description)
                .tag(tag, label).register(registry));
    }
}
