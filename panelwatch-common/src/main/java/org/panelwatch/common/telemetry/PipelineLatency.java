package org.panelwatch.common.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;

/**
 * How long after ingest-service accepted an item it reached each stage of the pipeline: one histogram,
 * {@code panelwatch_pipeline_latency_seconds{stage}}, whose stages the three services record
 * (ingested, stored, signalled, delivered). Defined once so that every service has the same buckets
 * and a dashboard can put the stages side by side. Measured from the item's ingest time carried in the
 * events; the services' clocks are assumed to agree (one machine, or NTP).
 */
public final class PipelineLatency {

    public static final String NAME = "panelwatch.pipeline.latency";

    /** The stages, in the order an item passes them. */
    public enum Stage {
        /** ingest-service: the broker acknowledged the item on panelwatch.news.raw. */
        INGESTED("ingested"),
        /** analysis-service: the item and its analysis are committed to the database. */
        STORED("stored"),
        /** analysis-service: the broker acknowledged the item's signal on panelwatch.signals. */
        SIGNALLED("signalled"),
        /** alert-service: a subscriber's receiver accepted the alert. */
        DELIVERED("delivered");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    // From a page fetched minutes later to an alert retried hours later: the buckets span both.
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(6)};

    private final Timer timer;

    private PipelineLatency(Timer timer) {
        this.timer = timer;
    }

    public static PipelineLatency of(MeterRegistry registry, Stage stage) {
        return new PipelineLatency(Timer.builder(NAME)
                .description("Time from ingest-service accepting an item to the item reaching this stage")
                .tag("stage", stage.label())
                .serviceLevelObjectives(BUCKETS)
                .register(registry));
    }

    /** Records the time from {@code ingestedAt} to now; nothing when the event did not carry it. */
    public void since(Instant ingestedAt) {
        if (ingestedAt == null) {
            return;
        }
        // A clock a little behind another service's must not make a negative latency.
        timer.record(Duration.ofMillis(Math.max(0, Duration.between(ingestedAt, Instant.now()).toMillis())));
    }
}
