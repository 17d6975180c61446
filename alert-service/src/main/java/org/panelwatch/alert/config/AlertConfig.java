package org.panelwatch.alert.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything the alert service lets an operator tune; env variables are PANELWATCH_ALERT_... */
@ConfigMapping(prefix = "panelwatch.alert")
public interface AlertConfig {

    Delivery delivery();

    Webhook webhook();

    Digest digest();

    Email email();

    Limits limits();

    Streams streams();

    /**
     * How long processed signal ids are kept for recognising redeliveries; longer than the signals topic's
     * retention, after which Kafka cannot redeliver them anyway.
     */
    @WithDefault("14d")
    Duration processedSignalRetention();

    /**
     * The analyst console's address (PANELWATCH_CONSOLE_URL): every alert links to its item's and its
     * story's console pages, {@code <console-url>/items/<id>} and {@code <console-url>/stories/<id>}.
     */
    @WithDefault("http://localhost:8080")
    String consoleUrl();

    /** Base of links to an item when the signal has no URL of its own (the dashboard's item page). */
    @WithDefault("http://localhost:8082/api/v1/items/")
    String itemLinkBase();

    interface Delivery {
        /** Waits between attempts, after the first; its length + 1 is the number of attempts. */
        @WithDefault("5s,5m,30m,2h,5h,10h,10h")
        List<Duration> retrySchedule();

        /** Each wait is spread by +/- this fraction so failing endpoints are not hit in lockstep. */
        @WithDefault("0.2")
        double jitter();

        /** How long a worker owns a claimed delivery; after a crash another worker takes it over then. */
        @WithDefault("2m")
        Duration lease();

        @WithDefault("50")
        int batchSize();

        /** Sends one instance keeps open at once; claiming pauses when it is reached. */
        @WithDefault("64")
        int maxInFlight();

        /** How often an idle worker looks for due deliveries (new alerts wake it at once). */
        @WithDefault("1s")
        Duration pollInterval();

        /** An endpoint whose every attempt has failed for this long is disabled. */
        @WithDefault("5d")
        Duration disableAfterFailingFor();

        /** Longest Retry-After honoured. */
        @WithDefault("1d")
        Duration maxRetryAfter();

        @WithDefault("true")
        boolean workerEnabled();
    }

    interface Webhook {
        @WithDefault("5s")
        Duration connectTimeout();

        /** Whole request, from connect to the last byte of the answer. */
        @WithDefault("15s")
        Duration totalTimeout();

        /** Allow URLs resolving to loopback, private, link-local or metadata addresses (never in prod unless needed). */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        /**
         * After a secret is rotated, how long the replaced secret keeps signing beside the new one (two
         * signatures in {@code webhook-signature}), so receivers can switch without refusing a message.
         */
        @WithDefault("24h")
        Duration secretOverlap();
    }

    interface Digest {
        @WithDefault("30s")
        Duration checkInterval();
    }

    /** The live alert streams (Server-Sent Events): how many, and how they are fed. */
    interface Streams {
        /** Open streams one caller may hold at once: one subscriber key, or the admin. */
        @WithDefault("5")
        int maxPerKey();

        /** Open streams this instance holds at once, all callers together. */
        @WithDefault("200")
        int maxTotal();

        /** Retry-After of the 429 answered past a limit. */
        @WithDefault("10s")
        Duration retryAfter();

        /** How often the one shared query looks for new alerts while any stream is open. */
        @WithDefault("250ms")
        Duration pollInterval();

        /** A comment is sent after this much silence, so proxies keep the connection and dead peers show. */
        @WithDefault("15s")
        Duration keepAlive();

        /** A client that has taken no event off the connection for this long while some wait is closed. */
        @WithDefault("10s")
        Duration sendTimeout();
    }

    interface Email {
        @WithDefault("Panelwatch alerts <alerts@panelwatch.local>")
        String from();

        Optional<String> subjectPrefix();
    }

    /**
     * How much one subscriber may ask for. Every keyword of every active subscription becomes part of one
     * matching automaton (about 200 bytes of heap per keyword character, rebuilt when subscriptions change),
     * so keywords per filter x keyword length x subscriptions per subscriber bounds what one subscriber adds:
     * 50 x 64 x 50 = 160,000 characters, about 32 MB, at the defaults.
     */
    interface Limits {
        /** Subscriber and subscription names. */
        @WithDefault("200")
        @Positive
        int nameLength();

        @WithDefault("50")
        @Positive
        int keywordsPerFilter();

        @WithDefault("64")
        @Positive
        int keywordLength();

        @WithDefault("20")
        @Positive
        int topicsPerFilter();

        @WithDefault("10")
        @Positive
        int signalTypesPerFilter();

        @WithDefault("20")
        @Positive
        int languagesPerFilter();

        /** Webhook URLs; 2,048 is what browsers and most servers reliably handle. */
        @WithDefault("2048")
        @Positive
        int urlLength();

        /** E-mail addresses; RFC 5321 section 4.5.3.1.3 allows a path of 256 octets, 254 without the brackets. */
        @WithDefault("254")
        @Positive
        int emailLength();

        @WithDefault("50")
        @Positive
        int subscriptionsPerSubscriber();
    }
}
