package org.panelwatch.common.telemetry;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns trace export on with one setting: {@code PANELWATCH_OTLP_ENDPOINT} (an OTLP/HTTP collector,
 * e.g. {@code http://jaeger:4318}). Unset, {@code quarkus.otel.sdk.disabled} is true and Quarkus installs
 * no span exporter, so no service tries to reach a collector that does not run (span ids and the
 * {@code traceparent} headers are still made); set, spans are exported there. Its ordinal sits
 * below application.properties and the environment, so {@code QUARKUS_OTEL_SDK_DISABLED} and
 * {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT} still decide when an operator sets them.
 */
public final class TraceExportSwitch implements ConfigSource {

    public static final String VARIABLE = "PANELWATCH_OTLP_ENDPOINT";
    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    static final String ENDPOINT = "quarkus.otel.exporter.otlp.endpoint";

    private final Map<String, String> properties;

    public TraceExportSwitch() {
        this(System.getenv(VARIABLE));
    }

    TraceExportSwitch(String endpoint) {
        String configured = endpoint == null ? System.getProperty(VARIABLE) : endpoint;
        if (configured == null || configured.isBlank()) {
            properties = Map.of(SDK_DISABLED, "true");
        } else {
            properties = Map.of(SDK_DISABLED, "false", ENDPOINT, configured.trim());
        }
    }

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return properties.get(propertyName);
    }

    @Override
    public String getName() {
        return "panelwatch-trace-export-switch";
    }

    @Override
    public int getOrdinal() {
        // Above the extensions' defaults (0), below application.properties (250) and the environment (300).
        return 200;
    }
}
