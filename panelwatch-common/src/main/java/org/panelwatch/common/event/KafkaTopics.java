package org.panelwatch.common.event;

/** The Kafka topics of the contract; every service names them through these constants. */
public final class KafkaTopics {
    public static final String NEWS_RAW = "panelwatch.news.raw";
    public static final String NEWS_TAGGED = "panelwatch.news.tagged";
    public static final String SIGNALS = "panelwatch.signals";
    public static final String NEWS_RAW_DLQ = "panelwatch.news.raw.dlq";

    private KafkaTopics() {
    }
}
