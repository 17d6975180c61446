package org.panelwatch.analysis.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.panelwatch.analysis.config.AnalysisConfig;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.TaggingEngine;

/**
 * Tags a batch on several threads. Tagging is pure CPU (about a millisecond for a short item, more
 * for long ones) and the consumer hands over one batch at a time, so on one thread a batch would use
 * one core while the others idle. The batch is cut into contiguous slices, one per thread; the
 * results keep the batch's order. The engine is safe for concurrent use (Lucene's Monitor and
 * analyzers are).
 */
@ApplicationScoped
public class BatchTagger {

    /** Below this many items per slice, handing work to another thread costs more than it saves. */
    private static final int MIN_SLICE = 4;

    private final TaggingEngine engine;
    private final int threads;
    private final ExecutorService pool;

    @Inject
    public BatchTagger(TaggingEngine engine, AnalysisConfig config) {
        this(engine, config.tagging().threads().orElse(Runtime.getRuntime().availableProcessors()));
    }

    BatchTagger(TaggingEngine engine, int threads) {
        this.engine = engine;
        this.threads = Math.max(1, threads);
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread thread = new Thread(r, "tagging-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public List<Analysis> analyzeAll(List<TaggingEngine.Item> items) {
        int slices = Math.min(threads, items.size() / MIN_SLICE);
        if (slices <= 1) {
            return engine.analyzeAll(items);
        }
        int size = (items.size() + slices - 1) / slices;
        List<CompletableFuture<List<Analysis>>> parts = new ArrayList<>(slices);
        for (int from = 0; from < items.size(); from += size) {
            List<TaggingEngine.Item> slice = items.subList(from, Math.min(items.size(), from + size));
            parts.add(CompletableFuture.supplyAsync(() -> engine.analyzeAll(slice), pool));
        }
        List<Analysis> analyses = new ArrayList<>(items.size());
        try {
            for (CompletableFuture<List<Analysis>> part : parts) {
                analyses.addAll(part.join());
            }
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return analyses;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
