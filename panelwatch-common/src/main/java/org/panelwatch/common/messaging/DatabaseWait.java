package org.panelwatch.common.messaging;

import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.panelwatch.common.database.DatabaseFailure;

/**
 * Runs a database write again for as long as the database is unreachable, waiting a little longer
 * each time (up to {@code longestWait}). The consumer holds its batch meanwhile, so no offset is
 * committed for records that are not stored, and it goes on by itself when the database is back;
 * readiness (the datasource check) reports the outage. Giving up instead would fail the channel for
 * good (failure-strategy fail: the service consumes nothing until it is restarted) or send records
 * that are fine to the dead-letter topic (failure-strategy dead-letter-queue), where nothing would
 * ever come of them. Shared by the consumers of the analysis and alert services.
 */
public final class DatabaseWait {

    private static final Logger LOG = Logger.getLogger(DatabaseWait.class);

    private final Duration firstWait;
    private final Duration longestWait;

    public DatabaseWait(Duration firstWait, Duration longestWait) {
        this.firstWait = firstWait;
        this.longestWait = longestWait;
    }

    /** The result of {@code write}; a failure that is not an unreachable database is thrown at once. */
    public <T> T untilDone(String what, Supplier<T> write) {
        Duration wait = firstWait;
        long since = System.nanoTime();
        for (int attempt = 1;; attempt++) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                LOG.warnf("Database unavailable for %s (%s), attempt %d failed, %d s so far; trying again in %d ms",
                        what, rootMessage(e), attempt, (System.nanoTime() - since) / 1_000_000_000L, wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2).compareTo(longestWait) > 0 ? longestWait : wait.multipliedBy(2);
            }
        }
    }

    /** Whether {@code failure} passes if the work is tried again later; see {@link DatabaseFailure}. */
    public static boolean isTransient(Throwable failure) {
        return DatabaseFailure.of(failure).isTransient();
    }

    /** The message of the innermost cause, for logs and dead-letter reasons (never for an HTTP answer). */
    public static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
