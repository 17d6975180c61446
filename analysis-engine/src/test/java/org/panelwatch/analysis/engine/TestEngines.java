package org.panelwatch.analysis.engine;

import org.panelwatch.analysis.engine.matching.Engines;

/** One engine with the bundled data for all tests of the JVM: building it takes seconds. */
public final class TestEngines {

    private static TaggingEngine defaults;

    private TestEngines() {
    }

    public static synchronized TaggingEngine defaults() {
        if (defaults == null) {
            defaults = Engines.fromDefaults();
        }
        return defaults;
    }
}
