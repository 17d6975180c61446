package org.panelwatch.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.OptionalInt;

/** Tuning of the analysis flow; every value has an environment variable (PANELWATCH_ANALYSIS_...). */
@ConfigMapping(prefix = "panelwatch.analysis")
public interface AnalysisConfig {

    Stories stories();

    Retag retag();

    Tagging tagging();

    ReadCache readCache();

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
    }

    interface ReadCache {
        /** How long a list answer is reused while nothing new is stored; 0 turns the reuse off. */
        @WithDefault("1s")
        Duration maxAge();
    }

    interface Tagging {
        /** Threads that tag a batch; by default one per core. */
        OptionalInt threads();
    }

    interface Retag {
        /** Items re-tagged per transaction. */
        @WithDefault("200")
        int pageSize();
    }
}
