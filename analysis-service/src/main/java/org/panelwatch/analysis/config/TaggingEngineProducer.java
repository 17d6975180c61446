package org.panelwatch.analysis.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.engine.Analysis;
import org.panelwatch.analysis.engine.TaggingEngine;

/** The one tagging engine of the service, shared by the consumer, /analyze and retag. */
public class TaggingEngineProducer {

    private static final Logger LOG = Logger.getLogger(TaggingEngineProducer.class);

    @Produces
    @ApplicationScoped
    TaggingEngine engine() {
        // TODO(engine): call Engines.fromDefaults() directly once analysis-engine ships it.
        try {
            Class<?> engines = Class.forName("org.panelwatch.analysis.engine.Engines");
            return (TaggingEngine) engines.getMethod("fromDefaults").invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            LOG.warn("analysis-engine has no Engines.fromDefaults() yet: items are stored without tags");
            return (title, body, lang) -> new Analysis(List.of(), List.of(), List.of());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The tagging engine cannot start: " + e.getCause(), e.getCause());
        }
    }
}
