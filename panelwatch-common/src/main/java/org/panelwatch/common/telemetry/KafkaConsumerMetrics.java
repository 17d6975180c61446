package org.panelwatch.common.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;

/**
 * Shapes the Kafka client's consumer metrics that Quarkus's Micrometer binder publishes: each gets a
 * {@code group} tag (the service's consumer group: the lag of a group is the sum of its instances'
 * {@code kafka_consumer_fetch_manager_records_lag}), and the copies the client also publishes under the
 * topic name with its dots replaced ({@code panelwatch_signals}, deprecated by Kafka) are dropped.
 */
public final class KafkaConsumerMetrics {

    private static final String PREFIX = "kafka.consumer";

    private KafkaConsumerMetrics() {
    }

    public static MeterFilter filter(String group) {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                String topic = id.getTag("topic");
                if (id.getName().startsWith(PREFIX) && topic != null && topic.indexOf('.') < 0 && topic.indexOf('_') >= 0) {
                    return MeterFilterReply.DENY;
                }
                return MeterFilterReply.NEUTRAL;
            }

            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().startsWith(PREFIX) ? id.withTags(java.util.List.of(Tag.of("group", group))) : id;
            }
        };
    }
}
