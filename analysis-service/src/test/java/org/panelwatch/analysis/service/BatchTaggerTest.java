package org.panelwatch.analysis.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.TaggingEngine;

class BatchTaggerTest {

    /** Answers each item with a topic named after its title, and notes the thread that tagged it. */
    private static final class EchoEngine implements TaggingEngine {
        final Set<String> threads = ConcurrentHashMap.newKeySet();

        @Override
        public Analysis analyze(String title, String body, String lang) {
            threads.add(Thread.currentThread().getName());
            if (body.contains("poison")) {
                throw new IllegalArgumentException("the engine cannot read " + title);
            }
            return new Analysis(List.of(new Analysis.TopicMatch(title, 1.0, List.of())), List.of(), List.of());
        }
    }

    private static List<TaggingEngine.Item> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> new TaggingEngine.Item("item-" + i, "text " + i, "en")).toList();
    }

    @Test
    void aBatchIsTaggedOnSeveralThreadsInItsOwnOrder() {
        EchoEngine engine = new EchoEngine();
        BatchTagger tagger = new BatchTagger(engine, 3);
        try {
            List<Analysis> analyses = tagger.analyzeAll(items(101));

            assertThat(analyses).extracting(a -> a.topics().get(0).id())
                    .containsExactlyElementsOf(IntStream.range(0, 101).mapToObj(i -> "item-" + i).toList());
            assertThat(engine.threads).hasSize(3).allMatch(name -> name.startsWith("tagging-"));
        } finally {
            tagger.stop();
        }
    }

    @Test
    void aSmallBatchStaysOnTheCallersThread() {
        EchoEngine engine = new EchoEngine();
        BatchTagger tagger = new BatchTagger(engine, 4);
        try {
            assertThat(tagger.analyzeAll(items(3))).hasSize(3);
            assertThat(engine.threads).containsExactly(Thread.currentThread().getName());
        } finally {
            tagger.stop();
        }
    }

    @Test
    void theEnginesOwnFailureReachesTheCallerUnwrapped() {
        BatchTagger tagger = new BatchTagger(new EchoEngine(), 2);
        try {
            List<TaggingEngine.Item> batch = new ArrayList<>(items(20));
            batch.set(17, new TaggingEngine.Item("item-17", "poison", "en"));

            assertThatThrownBy(() -> tagger.analyzeAll(batch))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the engine cannot read item-17");
        } finally {
            tagger.stop();
        }
    }
}
