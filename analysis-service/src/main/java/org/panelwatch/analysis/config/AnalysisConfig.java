package org.panelwatch.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** Tuning of the analysis flow; every value has an environment variable (PANELWATCH_ANALYSIS_...). */
@ConfigMapping(prefix = "panelwatch.analysis")
public interface AnalysisConfig {

    Stories stories();

    Retag retag();

    Tagging tagging();

    ReadCache readCache();

    Retention retention();

    interface Stories {
        /** Estimated Jaccard similarity of word 3-shingles from which an item joins a story. */
        @WithDefault("0.3")
        double threshold();

        /** Similarity from which an item is a copy (duplicateOf) of the story's earlier item. */
        @WithDefault("0.9")
        double duplicateThreshold();

        /**
         * Whether items that report the same event in other words or languages join one story
         * (analysis-engine's StoryMatcher); off, a story is near-duplicate text only.
         */
        @WithDefault("true")
        boolean events();

        /** How far apart in time (published, else received) two reports of one event may be. */
        @WithDefault("P2D")
        Duration eventWindow();

        /** The share of the smaller event key's weight two reports must share to be one event. */
        @WithDefault("0.35")
        double eventThreshold();

        /**
         * How long after an item was stored a near-duplicate copy still joins its story: the item's LSH
         * bands are pruned after that (an exact copy still finds it by its text hash while it is stored).
         */
        @WithDefault("P30D")
        Duration window();

        /** How often each instance prunes the bands past the window (instances skip each other's rows). */
        @WithDefault("1h")
        Duration pruneEvery();
    }

    interface ReadCache {
        /** How long a list answer is reused while nothing new is stored; 0 turns the reuse off. */
        @WithDefault("1s")
        Duration maxAge();
    }

    interface Retention {
        /**
         * Items both published (else received) and received longer ago than this are removed with their
         * topics, entities, signals and feedback, and their stories once empty. Unset (the default): kept.
         */
        Optional<Duration> maxAge();

        /** How often each instance removes what is past the retention (instances skip each other's rows). */
        @WithDefault("1h")
        Duration every();

        /** Items removed per transaction. */
        @WithDefault("1000")
        int batchSize();
    }

    interface Tagging {
        /** Threads that tag a batch; by default one per core. */
        OptionalInt threads();
    }

    interface Retag {
        /** Items re-tagged per transaction. */
        @WithDefault("200")
        int pageSize();

        /**
         * How long a running job stays with its instance after its last committed page; past that any
         * instance takes it over (its instance died or hangs). Longer than a page takes.
         */
        @WithDefault("2m")
        Duration lease();

        /** How often each instance looks for a job to resume or a queued one to start. */
        @WithDefault("30s")
        Duration resumeEvery();
    }
}
