package org.panelwatch.analysis.engine;

import java.util.List;

/**
 * Tags one item against the topic catalogue, finds its entities and its signals. Thread-safe:
 * one instance serves every consumer thread.
 */
public interface TaggingEngine {

    Analysis analyze(String title, String body, String lang);

    /** Many items at once; the default runs them one by one. */
    default List<Analysis> analyzeAll(List<Item> items) {
        return items.stream().map(i -> analyze(i.title(), i.body(), i.lang())).toList();
    }

    record Item(String title, String body, String lang) {
    }
}
