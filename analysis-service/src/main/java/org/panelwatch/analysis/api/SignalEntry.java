package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A signal in GET /api/v1/signals, with the item it was found in, the item's topics and the verdicts
 * analysts gave the item so far.
 */
public record SignalEntry(UUID id, String type, double score, String severity, boolean firstInStory,
        Instant detectedAt, UUID itemId, UUID storyId, String title, String url, String source, Instant published,
        String lang, List<Evidence> evidence, List<TopicScore> topics, Verdicts verdicts) {

    /**
     * How many feedbacks on the item said "confirmed" and "false-alarm", and the latest of those two
     * (null when none did): the one the devset export and the overview's weekly share count.
     */
    public record Verdicts(long confirmed, long falseAlarms, String latest) {

        public static final Verdicts NONE = new Verdicts(0, 0, null);
    }
}
