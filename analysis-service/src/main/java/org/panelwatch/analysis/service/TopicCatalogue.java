package org.panelwatch.analysis.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.panelwatch.analysis.engine.Catalogue;
import org.panelwatch.analysis.engine.TaggingEngine;

/**
 * The topic catalogue the engine tags with (bundled or the operator's file, see
 * {@code panelwatch.catalogue.path}): names and the resolutions each topic rests on.
 */
@ApplicationScoped
public class TopicCatalogue {

    private final TaggingEngine engine;

    public TopicCatalogue(TaggingEngine engine) {
        this.engine = engine;
    }

    public Catalogue catalogue() {
        return engine.catalogue();
    }

    public List<Catalogue.Topic> topics() {
        return engine.catalogue().topics();
    }

    public Optional<Catalogue.Topic> find(String id) {
        return engine.catalogue().topic(id);
    }

    public String name(String id) {
        return find(id).map(Catalogue.Topic::name).orElse(id);
    }

    public List<Catalogue.Resolution> resolutions(String id) {
        return find(id).map(Catalogue.Topic::resolutions).orElse(List.of());
    }

    /** "UNSCR 2397 paras 4, 5": the resolutions of a topic as one line each, for events. */
    public List<String> resolutionLabels(String id) {
        return resolutions(id).stream().map(TopicCatalogue::label).toList();
    }

    static String label(Catalogue.Resolution r) {
        if (r.paragraphs().isEmpty()) {
            return "UNSCR " + r.number();
        }
        return "UNSCR " + r.number() + (r.paragraphs().size() == 1 ? " para " : " paras ")
                + r.paragraphs().stream().collect(Collectors.joining(", "));
    }
}
