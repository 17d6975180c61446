package org.panelwatch.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceExportSwitchTest {

    @Test
    void withoutAnEndpointTheSdkStaysOffAndNoEndpointIsNamed() {
        // An empty value counts as unset: compose passes PANELWATCH_OTLP_ENDPOINT= when .env leaves it empty.
        TraceExportSwitch off = new TraceExportSwitch("");

        assertThat(off.getValue(TraceExportSwitch.SDK_DISABLED)).isEqualTo("true");
        assertThat(off.getValue(TraceExportSwitch.ENDPOINT)).isNull();
    }

    @Test
    void anEndpointTurnsTheSdkOnAndExportsThere() {
        TraceExportSwitch on = new TraceExportSwitch(" http://jaeger:4318 ");

        assertThat(on.getValue(TraceExportSwitch.SDK_DISABLED)).isEqualTo("false");
        assertThat(on.getValue(TraceExportSwitch.ENDPOINT)).isEqualTo("http://jaeger:4318");
    }

    @Test
    void itRanksBelowApplicationPropertiesAndTheEnvironment() {
        // application.properties is 250, environment variables 300: an operator's QUARKUS_OTEL_* wins.
        assertThat(new TraceExportSwitch("").getOrdinal()).isLessThan(250);
    }
}
