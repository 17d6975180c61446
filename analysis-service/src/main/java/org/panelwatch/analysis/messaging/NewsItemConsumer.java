package org.panelwatch.analysis.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.service.NewsItemService;
import org.panelwatch.analysis.service.StoredItem;
import org.panelwatch.analysis.telemetry.AnalysisTelemetry;
import org.panelwatch.analysis.telemetry.ReceivedItems;
import org.panelwatch.common.database.DatabaseFailure;
import org.panelwatch.common.event.NewsItemEvent;
import org.panelwatch.common.messaging.DatabaseWait;

/**
 * Translates batches of {@code panelwatch.news.raw} into calls of the item service: one database
 * transaction per poll. A record that is not a news item, or that the database refuses on its own,
 * goes to the dead-letter topic with the reason and the rest of the batch goes on. The batch is
 * acknowledged (its offsets committed) only after its rows are committed and its events are on the
 * broker, so a crash redelivers it, and redelivered items are skipped.
 */
@ApplicationScoped
public class NewsItemConsumer {

    static final String CHANNEL = "news-raw";
    private static final Logger LOG = Logger.getLogger(NewsItemConsumer.class);
    private static final Duration FIRST_DATABASE_WAIT = Duration.ofMillis(500);
    private static final Duration LONGEST_DATABASE_WAIT = Duration.ofSeconds(5);
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final NewsItemService items;
    private final AnalysisPublisher publisher;
    private final DeadLetters deadLetters;
    private final ObjectMapper mapper;
    @Inject
    AnalysisTelemetry telemetry;
    private final DatabaseWait databaseWait = new DatabaseWait(FIRST_DATABASE_WAIT, LONGEST_DATABASE_WAIT);

    public NewsItemConsumer(NewsItemService items, AnalysisPublisher publisher, DeadLetters deadLetters,
            ObjectMapper mapper) {
        this.items = items;
        this.publisher = publisher;
        this.deadLetters = deadLetters;
        this.mapper = mapper;
    }

    private record Parsed(ConsumerRecord<byte[], byte[]> record, NewsItemEvent event) {
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<byte[], byte[]> batch) throws Exception {
        ReceivedItems spans = telemetry.received(batch);
        List<CompletableFuture<Void>> dead = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>(batch.count());
        for (ConsumerRecord<byte[], byte[]> record : batch) {
            try {
                parsed.add(new Parsed(record, parse(record.value())));
            } catch (Exception e) {
                LOG.warnf("Record %s-%d@%d is not a news item, sent to the dead-letter topic: %s",
                        record.topic(), record.partition(), record.offset(), e.getMessage());
                dead.add(deadLetters.send(record, e));
            }
        }

        List<StoredItem> stored = new ArrayList<>();
        try {
            stored.addAll(storeWithRetry(parsed.stream().map(Parsed::event).toList()));
        } catch (RuntimeException batchFailure) {
            if (!isCausedByRecord(batchFailure)) {
                spans.fail(batchFailure);
                throw batchFailure;
            }
            // One record spoils the batch's transaction: store them one by one to find it.
            LOG.warnf("Batch of %d items failed (%s); storing them one by one", parsed.size(), DatabaseWait.rootMessage(batchFailure));
            for (Parsed p : parsed) {
                try {
                    stored.addAll(storeWithRetry(List.of(p.event())));
                } catch (RuntimeException e) {
                    if (!isCausedByRecord(e)) {
                        spans.fail(e);
                        throw e;
                    }
                    LOG.warnf("Item %s could not be stored, sent to the dead-letter topic: %s", p.event().id(),
                            DatabaseWait.rootMessage(e));
                    dead.add(deadLetters.send(p.record(), new IllegalStateException(DatabaseWait.rootMessage(e), e)));
                }
            }
        }

        telemetry.stored(stored);
        dead.add(publisher.publish(stored, spans::contextOf));
        try {
            CompletableFuture.allOf(dead.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            spans.fail(e);
            throw e;
        }
        telemetry.signalled(stored);
        spans.end();
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

    /** Waits out an unreachable database, however long; see {@link DatabaseWait}. */
    private List<StoredItem> storeWithRetry(List<NewsItemEvent> events) {
        return databaseWait.untilDone("a batch of " + events.size() + " items", () -> items.storeBatch(events));
    }

    /**
     * Whether a failure lies in the record's data rather than in the service or the database: a
     * data exception (SQLSTATE class 22, e.g. a value the column type refuses), an integrity
     * violation (23), a program limit (54, e.g. a text too long for tsvector), or an error of the
     * engine on this text. Anything else (a missing table, an unreachable database) would send every
     * record to the dead-letter topic, so it fails the channel instead.
     */
    static boolean isCausedByRecord(Throwable t) {
        DatabaseFailure failure = DatabaseFailure.of(t);
        return failure == DatabaseFailure.REFUSED_DATA || failure == DatabaseFailure.NOT_DATABASE;
    }
}
