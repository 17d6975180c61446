package org.panelwatch.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Everything the ingest service can be tuned by; each key can be set as an environment variable. */
@ConfigMapping(prefix = "panelwatch.ingest")
public interface IngestConfig {

    /** Most items one push may carry (the contract: 1,000). */
    @WithDefault("1000")
    int maxItemsPerRequest();

    /** Most bytes one push may carry (the contract: 10 MiB). */
    @WithDefault("10485760")
    long maxBodyBytes();

    Kafka kafka();

    Feeds feeds();

    Sources sources();

    Gdelt gdelt();

    Pages pages();

    interface Kafka {
        /** Defaults to {@code kafka.bootstrap.servers} (see application.properties). */
        String bootstrapServers();

        /** How long a record may wait for the broker before the push answers 503. */
        @WithDefault("5s")
        Duration deliveryTimeout();

        /** How long send may block for metadata or buffer space (a down broker). */
        @WithDefault("3s")
        Duration maxBlock();

        @WithDefault("2s")
        Duration requestTimeout();

        /** Batch size matters most for throughput: 16 KB (the default) halves the rate of 256 KB. */
        @WithDefault("262144")
        int batchSize();

        @WithDefault("5")
        int lingerMs();

        @WithDefault("lz4")
        String compressionType();

        /** Retry-After of the 503 answered when Kafka does not acknowledge. */
        @WithDefault("10")
        int retryAfterSeconds();
    }

    interface Feeds {
        /** How often the poller looks for due feeds ("off" disables scheduled polling). */
        @WithDefault("5s")
        String tick();

        /** Polls running at once; a slow feed holds one of them, never the others. */
        @WithDefault("4")
        int pollThreads();

        @WithDefault("60")
        int minPollIntervalSeconds();

        @WithDefault("86400")
        int maxPollIntervalSeconds();

        /** Longest wait after repeated failures (the interval doubles per failure up to this). */
        @WithDefault("6h")
        Duration maxBackoff();

        /** Whole fetch, connect to last byte. */
        @WithDefault("20s")
        Duration fetchTimeout();

        /**
         * How long a feed stays with the instance polling it without a renewal. The poller renews the
         * leases of its running polls at every tick, so this is how long a dead instance's feeds wait
         * before another instance takes them over.
         */
        @WithDefault("60s")
        Duration lease();

        @WithDefault("5242880")
        long maxFeedBytes();

        @WithDefault("5")
        int maxRedirects();

        /** Loopback, private and link-local feed addresses are refused unless this is on (tests, local). */
        @WithDefault("false")
        boolean allowPrivateAddresses();

        @WithDefault("Panelwatch-ingest/0.1 (+https://panelwatch.org)")
        String userAgent();
    }

    interface Sources {
        /**
         * The source catalogue loaded at start (PANELWATCH_SOURCES); without it no source is created,
         * changed or disabled.
         */
        java.util.Optional<String> file();
    }

    /** The GDELT DOC 2.0 API (https://blog.gdeltproject.org/gdelt-doc-2-0-api-debuts/). */
    interface Gdelt {
        @WithDefault("https://api.gdeltproject.org/api/v2/doc/doc")
        String baseUrl();

        /** How far back each poll looks; longer than the poll interval, so a late poll misses nothing. */
        @WithDefault("1h")
        String timespan();

        /** The API's ceiling for artlist mode is 250. */
        @WithDefault("250")
        int maxRecords();

        /** GDELT asks for at most one request every 5 seconds; requests from this instance wait their turn. */
        @WithDefault("5s")
        Duration minRequestSpacing();
    }

    /** Article pages fetched for items that carry only a summary (README, "Article pages"). */
    interface Pages {
        /** An item with a URL whose cleaned text is shorter than this is a summary; 0 fetches only on request. */
        @WithDefault("600")
        int summaryMaxChars();

        /** How often the workers look for due rows ("off" stops fetching; rows wait in the queue). */
        @WithDefault("1s")
        String tick();

        /** Fetches running at once in this instance. */
        @WithDefault("4")
        int threads();

        /** At least this long between two requests to one host, across all instances. */
        @WithDefault("5s")
        Duration perHostInterval();

        /** A robots.txt Crawl-delay longer than the interval is honoured up to this. */
        @WithDefault("60s")
        Duration maxCrawlDelay();

        @WithDefault("10s")
        Duration connectTimeout();

        /** Whole fetch of one page, redirects included, connect to last byte. */
        @WithDefault("30s")
        Duration fetchTimeout();

        /** Most bytes of one page or PDF, after decompression. */
        @WithDefault("5242880")
        long maxBytes();

        /** Pages of a PDF read for text; later pages are left out. */
        @WithDefault("200")
        int maxPdfPages();

        @WithDefault("5")
        int maxRedirects();

        /** Tries per page for failures that may pass (timeouts, 429, 5xx), then the item goes with its summary. */
        @WithDefault("4")
        int maxAttempts();

        /** Wait before the second try; doubled for each further one. */
        @WithDefault("1m")
        Duration retryBackoff();

        /** A Retry-After longer than this is cut to it. */
        @WithDefault("1h")
        Duration maxRetryAfter();

        /** A claimed row is someone else's to take once this has passed without an outcome. */
        @WithDefault("2m")
        Duration lease();

        /** How long robots.txt rules are kept per host (RFC 9309 section 2.4: not more than 24 hours). */
        @WithDefault("1h")
        Duration robotsCacheTime();

        /** The page the User-Agent points to, saying who crawls and how to reach us. */
        @WithDefault("https://panelwatch.org/crawler")
        String contactUrl();
    }
}
