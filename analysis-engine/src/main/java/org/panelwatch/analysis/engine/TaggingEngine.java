package org.panelwatch.analysis.engine;

import java.util.List;

/**
 * Tags one item against the topic catalogue, finds its entities and its signals. Thread-safe:
 * one instance serves every consumer thread. Build one with {@link Engines}.
 */
public interface TaggingEngine {

    /**
     * @param title may be null or blank
     * @param body  plain text (strip HTML before); may be null
     * @param lang  ISO 639-1 code ({@code en ru ko ja zh de fr}); null, blank or another language is
     *              guessed from the script of the text (Latin text is read as English)
     */
    Analysis analyze(String title, String body, String lang);

    /** Many items at once; the default runs them one by one. */
    default List<Analysis> analyzeAll(List<Item> items) {
        return items.stream().map(i -> analyze(i.title(), i.body(), i.lang())).toList();
    }

    /** The catalogue the engine tags with (topics, resolutions, rules); empty for engines without one. */
    default Catalogue catalogue() {
        return new Catalogue("none", List.of());
    }

    record Item(String title, String body, String lang) {
    }
}
