package org.panelwatch.common.ratelimit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Requests per key on {@code /api/} paths ({@code PANELWATCH_HTTP_RATE_LIMIT_…}). A key may send {@code burst}
 * requests at once and {@code requests-per-second} for as long as it likes. The operator's own static keys
 * (admin, ingest, reader: the publishers, dashboards and scripts of whoever runs the service) get their own,
 * higher allowance; every other key (subscribers', and keys no service knows) gets the lower one.
 *
 * <p>The defaults sit far above what the tests, the demo and the benchmarks send (the read API benchmark: about
 * 2,500 requests a second on the reader key; a subscriber's busiest test: about 60 requests in a second).
 */
@ConfigMapping(prefix = "panelwatch.http.rate-limit")
public interface RateLimitConfig {

    /** Off: no request is counted. */
    @WithDefault("true")
    boolean enabled();

    /** Sustained requests a second per subscriber (or unknown) key. */
    @WithDefault("50")
    double requestsPerSecond();

    /** Requests a subscriber (or unknown) key may send at once. */
    @WithDefault("200")
    int burst();

    /** Sustained requests a second per static key (admin, ingest, reader). */
    @WithDefault("10000")
    double staticKeyRequestsPerSecond();

    /** Requests a static key may send at once. */
    @WithDefault("20000")
    int staticKeyBurst();
}
