package org.panelwatch.common.telemetry;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Drops the copies of the Kafka client's consumer metrics that the client also publishes under the topic
 * name with its dots replaced ({@code topic="panelwatch_signals"} beside {@code "panelwatch.signals"},
 * deprecated by Kafka): half the series, none of the information. Tags are only filtered, never added:
 * Micrometer's Kafka binder keeps one meter per name when their tag counts differ, so an added tag
 * would hide every partition's lag but one. A consumer group is one service here, so Prometheus's
 * {@code job} label names the group ({@code sum by (job) (kafka_consumer_fetch_manager_records_lag)}).
 */
@Singleton
public class KafkaConsumerMetrics {

    private static final String PREFIX = "kafka.consumer";

    @Produces
    @Singleton
    MeterFilter withoutDotlessTopicCopies() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return isDotlessCopy(id) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }

    static boolean isDotlessCopy(Meter.Id id) {
        String topic = id.getTag("topic");
        return id.getName().startsWith(PREFIX) && topic != null && topic.indexOf('.') < 0 && topic.indexOf('_') >= 0;
    }
}
