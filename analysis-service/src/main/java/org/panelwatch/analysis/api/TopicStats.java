package org.panelwatch.analysis.api;

import java.time.Instant;
import java.util.List;

/** Items per topic per time bucket in [since, until); buckets without items are left out. */
public record TopicStats(String bucket, Instant since, Instant until, List<Series> topics) {

    public record Series(String id, long total, List<Bucket> buckets) {
    }

    public record Bucket(Instant start, long count) {
    }
}
