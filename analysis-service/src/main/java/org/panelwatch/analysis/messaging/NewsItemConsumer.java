package org.panelwatch.analysis.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.panelwatch.analysis.service.NewsItemService;
import org.panelwatch.analysis.service.StoredItem;
import org.panelwatch.analysis.telemetry.AnalysisTelemetry;
import org.panelwatch.analysis.telemetry.ReceivedItems;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.common.messaging.BatchIntake;
import org.panelwatch.common.messaging.DeadLetterTopic;

/**
 * Translates batches of {@code panelwatch.news.raw} into calls of the item service: one database
 * transaction per poll. A record that is not a news item, or that the database refuses on its own,
 * goes to the dead-letter topic with the reason and the rest of the batch goes on. The batch is
 * acknowledged (its offsets committed) only after its rows are committed and its events are on the
 * broker, so a crash redelivers it, and redelivered items are skipped. Reading, waiting out the
 * database and dead-lettering are {@link BatchIntake}'s, the same as alert-service's signal consumer.
 */
@ApplicationScoped
public class NewsItemConsumer {

    static final String CHANNEL = "news-raw";
    static final String DLQ_CHANNEL = "news-raw-dlq";
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final NewsItemService items;
    private final AnalysisPublisher publisher;
    private final ObjectMapper mapper;
    private final BatchIntake<byte[], NewsItemEvent> intake;
    @Inject
    AnalysisTelemetry telemetry;

    public NewsItemConsumer(NewsItemService items, AnalysisPublisher publisher, ObjectMapper mapper,
            @Channel(DLQ_CHANNEL) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> deadLetters) {
        this.items = items;
        this.publisher = publisher;
        this.mapper = mapper;
        this.intake = new BatchIntake<>("news item", this::parse, new DeadLetterTopic(deadLetters));
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> batch) throws Exception {
        ReceivedItems spans = telemetry.received(batch);
        try {
            List<StoredItem> stored = intake.take(batch, items::storeBatch);
            telemetry.stored(stored);
            publisher.publish(stored, spans::contextOf).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            telemetry.signalled(stored);
            spans.end();
        } catch (Exception e) {
            spans.fail(e);
            throw e;
        }
    }

    NewsItemEvent parse(byte[] value) throws java.io.IOException {
        if (value == null || value.length == 0) {
            throw new IllegalArgumentException("record has no value");
        }
        NewsItemEvent event = mapper.readValue(value, NewsItemEvent.class);
        if (event.id() == null || event.title() == null || event.text() == null) {
            throw new IllegalArgumentException("record is not a news item: id, title and text are required");
        }
        try {
            UUID.fromString(event.id());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("record is not a news item: id '" + event.id() + "' is not a UUID");
        }
        if (event.schemaVersion() > NewsItemEvent.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + event.schemaVersion() + " is newer than "
                    + NewsItemEvent.SCHEMA_VERSION + ", the one this service reads");
        }
        // PostgreSQL text cannot hold NUL characters; they carry nothing a reader could see.
        if (event.title().indexOf('\0') >= 0 || event.text().indexOf('\0') >= 0) {
            event = new NewsItemEvent(event.schemaVersion(), event.id(), event.url(), event.title().replace("\0", ""),
                    event.text().replace("\0", ""), event.published(), event.source(), event.lang(),
                    event.externalId(), event.feedId(), event.ingestedAt(), event.normalisation());
        }
        return event;
    }
}
