package org.panelwatch.analysis.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.Engines;
import org.panelwatch.analysis.engine.TaggingEngine;

/**
 * The one tagging engine of the service, shared by the consumer, /analyze and retag. Built at
 * start-up from the bundled catalogue, gazetteers and UN list, or from an operator's files; an
 * invalid file stops the start with a message naming the rule at fault.
 */
public class TaggingEngineProducer {

    private static final Logger LOG = Logger.getLogger(TaggingEngineProducer.class);

    @Produces
    @ApplicationScoped
    TaggingEngine engine(@ConfigProperty(name = "panelwatch.catalogue.path") Optional<Path> catalogue,
            @ConfigProperty(name = "panelwatch.un-list.path") Optional<Path> unList,
            @ConfigProperty(name = "panelwatch.gazetteers.extra") Optional<List<Path>> gazetteers) {
        return build(catalogue, unList, gazetteers);
    }

    public static TaggingEngine build(Optional<Path> catalogue, Optional<Path> unList, Optional<List<Path>> gazetteers) {
        long started = System.nanoTime();
        Engines.Builder builder = Engines.builder().catalogue(catalogue.orElse(null)).unList(unList.orElse(null));
        gazetteers.orElse(List.of()).forEach(builder::addGazetteer);
        try {
            TaggingEngine engine = builder.build();
            LOG.infof("Tagging engine ready in %d ms: catalogue %s (%s), %d topics, UN list %s",
                    (System.nanoTime() - started) / 1_000_000, catalogue.map(Path::toString).orElse("bundled"),
                    engine.catalogue().version(), engine.catalogue().topics().size(),
                    unList.map(Path::toString).orElse("bundled"));
            return engine;
        } catch (CatalogueException e) {
            throw new IllegalStateException("The tagging engine cannot start: " + e.getMessage(), e);
        }
    }
}
