package org.panelwatch.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Polls until the pipeline shows what a test waits for, or fails with the last thing it saw. */
public final class Await {

    /** The longest a test waits for one stage of the pipeline (-Dpanelwatch.e2e.timeout, seconds). */
    public static final Duration PIPELINE = Duration.ofSeconds(Long.getLong("panelwatch.e2e.timeout", 90));
    private static final Duration POLL = Duration.ofMillis(500);

    private Await() {
    }

    /** Returns the first present value {@code probe} gives within {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastError = null;
        while (true) {
            try {
                Optional<T> value = probe.get();
                if (value.isPresent()) {
                    return value.get();
                }
                lastError = null;
            } catch (RuntimeException | AssertionError e) {
                // A 404 or a half-written answer while the pipeline works: try again until the deadline.
                lastError = e instanceof RuntimeException r ? r : new RuntimeException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what
                        + (lastError == null ? "" : "; last error: " + lastError), lastError);
            }
            sleep(POLL);
        }
    }

    public static <T> T until(String what, Supplier<Optional<T>> probe) {
        return until(what, PIPELINE, probe);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
