package org.panelwatch.analysis.config;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.Catalogue;
import org.panelwatch.analysis.engine.TaggingEngine;

/**
 * The tagging engine the service uses now, and the UN list it was built with. A fresh UN list is
 * applied by building a new engine beside the running one and replacing it in one step: items being
 * tagged meanwhile finish on the old one.
 */
public final class CurrentEngine implements TaggingEngine {

    /**
     * The UN list of the current engine: when the UN generated it, how many DPRK individuals and entities
     * it holds, where it came from ("bundled", a file, or the URL it was fetched from) and when.
     * {@code names} maps each UN reference to its name.
     */
    public record UnListInfo(String dateGenerated, int individuals, int entities, String source, Instant fetchedAt,
            Map<String, String> names) {
        public UnListInfo {
            names = Map.copyOf(names);
        }
    }

    private record State(TaggingEngine engine, UnListInfo unList) {
    }

    private volatile State state;

    public CurrentEngine(TaggingEngine engine, UnListInfo unList) {
        this.state = new State(engine, unList);
    }

    public void replace(TaggingEngine engine, UnListInfo unList) {
        this.state = new State(engine, unList);
    }

    public UnListInfo unList() {
        return state.unList();
    }

    public Optional<String> unListedName(String reference) {
        return Optional.ofNullable(state.unList().names().get(reference));
    }

    @Override
    public Analysis analyze(String title, String body, String lang) {
        return state.engine().analyze(title, body, lang);
    }

    @Override
    public List<Analysis> analyzeAll(List<Item> items) {
        return state.engine().analyzeAll(items);
    }

    @Override
    public Catalogue catalogue() {
        return state.engine().catalogue();
    }
}
