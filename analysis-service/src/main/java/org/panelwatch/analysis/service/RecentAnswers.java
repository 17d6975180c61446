package org.panelwatch.analysis.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.panelwatch.analysis.config.AnalysisConfig;

/**
 * The read API's answers to list requests, as sent, for a moment. Dashboards poll the same few
 * lists (newest items of a topic, newest signals) many times a second between them; each answer
 * costs queries and serialisation, and the stored data changes only when a batch is committed. An
 * answer is reused while it is younger than the configured age and no batch has been stored or
 * re-tagged by this instance since it was written; another instance's writes show within that age.
 */
@ApplicationScoped
public class RecentAnswers {

    /** Enough for every list a room of dashboards asks for; beyond it the oldest half is dropped. */
    private static final int MAX_ANSWERS = 2_000;

    public record Answer(long generation, long writtenAtNanos, byte[] body, String etag) {
    }

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final long maxAgeNanos;

    @Inject
    public RecentAnswers(AnalysisConfig config) {
        this(config.readCache().maxAge());
    }

    RecentAnswers(Duration maxAge) {
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** The data changed: no answer written before now is reused. */
    public void stored() {
        generation.incrementAndGet();
    }

    /** The generation to pass to {@link #keep} for an answer computed from now on. */
    public long generation() {
        return generation.get();
    }

    public Answer find(String request) {
        if (maxAgeNanos <= 0) {
            return null;
        }
        Answer answer = answers.get(request);
        if (answer == null || answer.generation() != generation.get()
                || System.nanoTime() - answer.writtenAtNanos() > maxAgeNanos) {
            return null;
        }
        return answer;
    }

    public void keep(String request, long generationAtStart, byte[] body, String etag) {
        if (maxAgeNanos <= 0) {
            return;
        }
        if (answers.size() >= MAX_ANSWERS) {
            long now = System.nanoTime();
            answers.values().removeIf(a -> now - a.writtenAtNanos() > maxAgeNanos || a.generation() != generation.get());
            if (answers.size() >= MAX_ANSWERS) {
                answers.clear();
            }
        }
        answers.put(request, new Answer(generationAtStart, System.nanoTime(), body, etag));
    }
}
