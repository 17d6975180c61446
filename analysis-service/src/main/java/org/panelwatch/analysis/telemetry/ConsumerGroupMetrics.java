package org.panelwatch.analysis.telemetry;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.panelwatch.common.telemetry.KafkaConsumerMetrics;

/** Names this service's consumer group on the Kafka client's consumer metrics (lag per group). */
@Singleton
public class ConsumerGroupMetrics {

    @Produces
    @Singleton
    MeterFilter consumerGroup(@ConfigProperty(name = "mp.messaging.incoming.news-raw.group.id") String group) {
        return KafkaConsumerMetrics.filter(group);
    }
}
