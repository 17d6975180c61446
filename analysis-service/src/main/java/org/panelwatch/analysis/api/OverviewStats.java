package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;

/**
 * What the console's overview shows beside the per-topic counts: the entities named most in a range
 * (by the number of items naming them) and, per week, how many signals analysts confirmed or called
 * false alarms.
 */
public record OverviewStats(Instant since, Instant until, List<EntityCount> topEntities, List<WeekFeedback> feedbackPerWeek) {

    public record EntityCount(String type, String name, String unReference, long items) {
    }

    /** A UTC week (Monday start): signals of the week, and of those how many were judged each way. */
    public record WeekFeedback(Instant weekStart, long signals, long confirmed, long falseAlarms) {
    }
}
