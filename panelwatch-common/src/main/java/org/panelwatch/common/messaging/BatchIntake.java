package org.panelwatch.common.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;
import org.panelwatch.common.database.DatabaseFailure;

/**
 * The one way a consumer of the analysis and alert services takes a batch of records into its
 * database, so both fail, retry and dead-letter alike:
 * <ol>
 * <li>each record is read; one that is not what the topic carries goes to the dead-letter topic
 * with the reason, and the rest of the batch goes on;</li>
 * <li>the rest is stored in one call, waited out for as long as the database is unreachable
 * ({@link DatabaseWait});</li>
 * <li>if the store fails because of one record's data (the database refuses it, or the service's
 * own code fails on it), the records are stored one by one and those that fail go to the
 * dead-letter topic;</li>
 * <li>any other failure (a missing table, a bug) is thrown, so the channel's failure strategy
 * {@code fail} stops it: dead-lettering would send every record there, good ones too.</li>
 * </ol>
 * It returns when the dead letters are on the broker, so that the batch is acknowledged only then.
 *
 * @param <K> the records' key type
 * @param <E> what a record's value is read as
 */
public final class BatchIntake<K, E> {

    /** Reads a record's value; throws when the value is not what the topic carries. */
    @FunctionalInterface
    public interface Reader<E> {
        E read(byte[] value) throws Exception;
    }

    private static final Logger LOG = Logger.getLogger(BatchIntake.class);
    private static final Duration FIRST_DATABASE_WAIT = Duration.ofMillis(500);
    private static final Duration LONGEST_DATABASE_WAIT = Duration.ofSeconds(5);
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final String what;
    private final Reader<E> reader;
    private final DeadLetterTopic deadLetters;
    private final DatabaseWait databaseWait;

    /** {@code what} names one record in logs ("news item", "signal"). */
    public BatchIntake(String what, Reader<E> reader, DeadLetterTopic deadLetters) {
        this(what, reader, deadLetters, new DatabaseWait(FIRST_DATABASE_WAIT, LONGEST_DATABASE_WAIT));
    }

    BatchIntake(String what, Reader<E> reader, DeadLetterTopic deadLetters, DatabaseWait databaseWait) {
        this.what = what;
        this.reader = reader;
        this.deadLetters = deadLetters;
        this.databaseWait = databaseWait;
    }

    private record Read<K, E>(ConsumerRecord<K, byte[]> record, E value) {
    }

    /** The results of {@code store} for the records that were stored, in batch order. */
    public <R> List<R> take(ConsumerRecords<K, byte[]> batch, Function<List<E>, List<R>> store) throws Exception {
        List<CompletableFuture<Void>> dead = new ArrayList<>();
        List<Read<K, E>> read = new ArrayList<>(batch.count());
        for (ConsumerRecord<K, byte[]> record : batch) {
            try {
                read.add(new Read<>(record, reader.read(record.value())));
            } catch (Exception e) {
                LOG.warnf("Record %s-%d@%d is not a %s, sent to the dead-letter topic: %s",
                        record.topic(), record.partition(), record.offset(), what, e.getMessage());
                dead.add(deadLetters.send(record, e));
            }
        }

        List<R> stored = new ArrayList<>();
        if (!read.isEmpty()) {
            try {
                stored.addAll(storeWaiting(read.stream().map(Read::value).toList(), store));
            } catch (RuntimeException batchFailure) {
                if (!isCausedByRecord(batchFailure)) {
                    throw batchFailure;
                }
                // One record spoils the batch's transaction: store them one by one to find it.
                LOG.warnf("Batch of %d %ss failed (%s); storing them one by one", read.size(), what,
                        DatabaseWait.rootMessage(batchFailure));
                for (Read<K, E> r : read) {
                    try {
                        stored.addAll(storeWaiting(List.of(r.value()), store));
                    } catch (RuntimeException e) {
                        if (!isCausedByRecord(e)) {
                            throw e;
                        }
                        ConsumerRecord<K, byte[]> record = r.record();
                        LOG.warnf("Record %s-%d@%d (a %s) could not be stored, sent to the dead-letter topic: %s",
                                record.topic(), record.partition(), record.offset(), what, DatabaseWait.rootMessage(e));
                        dead.add(deadLetters.send(record, new IllegalStateException(DatabaseWait.rootMessage(e), e)));
                    }
                }
            }
        }
        CompletableFuture.allOf(dead.toArray(CompletableFuture[]::new)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return stored;
    }

    private <R> List<R> storeWaiting(List<E> values, Function<List<E>, List<R>> store) {
        return databaseWait.untilDone("a batch of " + values.size() + " " + what + "s", () -> store.apply(values));
    }

    /**
     * Whether a failure lies in the record's data rather than in the service or the database: a
     * data exception (SQLSTATE class 22, e.g. a value the column type refuses), an integrity
     * violation (23), a program limit (54, e.g. a text too long for tsvector), or an error of the
     * service's code on this record (no SQLSTATE at all). See {@link DatabaseFailure}.
     */
    static boolean isCausedByRecord(Throwable t) {
        DatabaseFailure failure = DatabaseFailure.of(t);
        return failure == DatabaseFailure.REFUSED_DATA || failure == DatabaseFailure.NOT_DATABASE;
    }
}
