package org.panelwatch.alert.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** Production timeouts and schedule for the benchmark, instead of the short ones of %test. */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>();
        for (String prefix : new String[] {"", "%test."}) {
            overrides.put(prefix + "panelwatch.alert.webhook.total-timeout", "15s");
            overrides.put(prefix + "panelwatch.alert.webhook.connect-timeout", "5s");
            overrides.put(prefix + "panelwatch.alert.delivery.retry-schedule", "5s,5m,30m,2h,5h,10h,10h");
            overrides.put(prefix + "panelwatch.alert.delivery.jitter", "0.2");
            overrides.put(prefix + "panelwatch.alert.delivery.poll-interval", "1s");
        }
        return overrides;
    }
}
