package org.panelwatch.console.client;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The analysis-service read API's JSON, as the console reads it (unknown fields are ignored). */
public final class AnalysisApi {

    private AnalysisApi() {
    }

    public record Page<T>(List<T> items, String nextCursor) {
    }

    public record Evidence(String text, String field, int start, int end) {
    }

    public record TopicScore(String id, double score) {
    }

    public record SignalEntry(UUID id, String type, double score, String severity, boolean firstInStory,
            Instant detectedAt, UUID itemId, UUID storyId, String title, String url, String source, Instant published,
            String lang, List<Evidence> evidence, List<TopicScore> topics, Verdicts verdicts) {
    }

    /** The "confirmed" and "false-alarm" feedbacks an item has had, and the latest of them (null if none). */
    public record Verdicts(long confirmed, long falseAlarms, String latest) {
    }

    public record SignalSummary(String type, double score, String severity) {
    }

    public record ItemSummary(UUID id, String title, String url, String source, Instant published, Instant ingestedAt,
            String lang, UUID storyId, UUID duplicateOf, List<TopicScore> topics, List<SignalSummary> signals) {
    }

    public record ResolutionRef(String resolution, List<String> paragraphs, String summary) {
    }

    public record TopicTag(String id, String name, double score, List<ResolutionRef> resolutions, List<Evidence> evidence) {
    }

    public record EntityMention(String type, String name, String unReference, String field, int start, int end) {
    }

    public record SignalFinding(String type, double score, String severity, List<Evidence> evidence) {
    }

    public record ItemDetail(UUID id, String title, String url, String source, Instant published, Instant ingestedAt,
            String lang, String text, UUID storyId, UUID duplicateOf, List<TopicTag> topics,
            List<EntityMention> entities, List<SignalFinding> signals) {
    }

    /**
     * An entity and a page of the items that name it, newest first. {@code id} is its UN reference when
     * listed; {@code unListDate} the date of the UN list that reference comes from.
     */
    public record EntityDetail(String id, String type, String name, String unReference, String unListDate,
            List<ItemSummary> items, String nextCursor) {
    }

    public record StoryDetail(UUID id, UUID firstItemId, Instant createdAt, boolean signalled, List<ItemSummary> items) {
    }

    /** A catalogue topic; resolution numbers are bare ("2397"). */
    public record Topic(String id, String name, String description, List<Resolution> resolutions) {
    }

    public record Resolution(String number, List<String> paragraphs, String summary) {
    }

    public record Bucket(Instant start, long count) {
    }

    public record Series(String id, long total, List<Bucket> buckets) {
    }

    public record TopicStats(String bucket, Instant since, Instant until, List<Series> topics) {
    }

    public record EntityCount(String type, String name, String unReference, long items) {
    }

    public record WeekFeedback(Instant weekStart, long signals, long confirmed, long falseAlarms) {
        /** "40 %": the share of the week's signals analysts confirmed. */
        public String confirmedShare() {
            return signals == 0 ? "–" : Math.round(100.0 * confirmed / signals) + " %";
        }
    }

    public record OverviewStats(Instant since, Instant until, List<EntityCount> topEntities,
            List<WeekFeedback> feedbackPerWeek) {
    }

    public record TopicCorrections(List<String> add, List<String> remove) {
    }

    public record FeedbackRequest(String verdict, TopicCorrections topics, String note) {
    }

    public record Feedback(UUID id, UUID itemId, String verdict, List<String> topicsAdded, List<String> topicsRemoved,
            String note, String callerRole, String callerId, Instant createdAt) {
    }
}
