package org.panelwatch.common.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

class KafkaConsumerMetricsTest {

    private static Meter.Id id(String name, String topic) {
        return new Meter.Id(name, topic == null ? Tags.of("client.id", "c") : Tags.of("client.id", "c", "topic", topic),
                null, null, Meter.Type.GAUGE);
    }

    @Test
    void onlyTheDotlessCopiesOfConsumerMetricsAreDropped() {
        assertThat(KafkaConsumerMetrics.isDotlessCopy(id("kafka.consumer.fetch.manager.records.lag", "panelwatch_signals"))).isTrue();
        assertThat(KafkaConsumerMetrics.isDotlessCopy(id("kafka.consumer.fetch.manager.records.lag", "panelwatch.signals"))).isFalse();
        assertThat(KafkaConsumerMetrics.isDotlessCopy(id("kafka.consumer.fetch.manager.records.lag.max", null))).isFalse();
        assertThat(KafkaConsumerMetrics.isDotlessCopy(id("panelwatch.pipeline.latency", "panelwatch_signals"))).isFalse();
    }
}
