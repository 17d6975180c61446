package org.panelwatch.analysis.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.engine.CatalogueException;
import org.panelwatch.analysis.engine.matching.Engines;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.engine.data.GazetteerEntry;
import org.panelwatch.analysis.engine.data.UnListReader;

/**
 * The one tagging engine of the service, shared by the consumer, /analyze and retag. Built at
 * start-up from the bundled catalogue, gazetteers and UN list, or from an operator's files; an
 * invalid file stops the start with a message naming the rule at fault. It is held by a
 * {@link CurrentEngine}, so that a fresh UN list can replace it while the service runs.
 */
public class TaggingEngineProducer {

    private static final Logger LOG = Logger.getLogger(TaggingEngineProducer.class);
    /** The UN list inside analysis-engine's jar. */
    static final String BUNDLED_UN_LIST = "/panelwatch/un/un-consolidated-list-dprk.xml";

    @Produces
    @ApplicationScoped
    @Typed(CurrentEngine.class)
    CurrentEngine currentEngine(@ConfigProperty(name = "panelwatch.catalogue.path") Optional<Path> catalogue,
            @ConfigProperty(name = "panelwatch.un-list.path") Optional<Path> unList,
            @ConfigProperty(name = "panelwatch.gazetteers.extra") Optional<List<Path>> gazetteers) {
        TaggingEngine engine = build(catalogue, unList, gazetteers);
        return new CurrentEngine(engine, unList.map(p -> describe(p, p.toString(), null)).orElseGet(TaggingEngineProducer::bundled));
    }

    @Produces
    @ApplicationScoped
    TaggingEngine engine(CurrentEngine current) {
        return current;
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

    /** What a UN list file holds, for GET /api/v1/catalogue. */
    public static CurrentEngine.UnListInfo describe(Path file, String source, Instant fetchedAt) {
        try (InputStream in = Files.newInputStream(file)) {
            return describe(UnListReader.read(in, file.toString()), source, fetchedAt);
        } catch (IOException e) {
            throw new IllegalStateException("The UN list " + file + " is unreadable", e);
        }
    }

    public static CurrentEngine.UnListInfo describe(UnListReader.UnList list, String source, Instant fetchedAt) {
        Map<String, String> names = new HashMap<>();
        for (GazetteerEntry entry : list.all()) {
            names.put(entry.unReference(), entry.name());
        }
        return new CurrentEngine.UnListInfo(list.dateGenerated(), list.individuals().size(), list.entities().size(),
                source, fetchedAt, names);
    }

    private static CurrentEngine.UnListInfo bundled() {
        try (InputStream in = Engines.class.getResourceAsStream(BUNDLED_UN_LIST)) {
            return describe(UnListReader.read(in, BUNDLED_UN_LIST), "bundled", null);
        } catch (IOException e) {
            throw new IllegalStateException("The bundled UN list is unreadable", e);
        }
    }
}
