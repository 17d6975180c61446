package org.panelwatch.analysis.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service with the real tagging engine (bundled catalogue, gazetteers, UN list) instead of the test engine. */
public class RealEngineProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.arc.exclude-types", FakeTaggingEngine.class.getName());
    }
}
