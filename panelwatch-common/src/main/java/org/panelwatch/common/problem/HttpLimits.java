package org.panelwatch.common.problem;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The sizes a request may have, enforced by {@link ProblemRoutes} so that a request over them is
 * answered with a problem. Vert.x refuses requests over its own limits in its HTTP decoder, before
 * any route, with an empty body; every service therefore sets {@code quarkus.http.limits.
 * max-initial-line-length} and {@code max-header-size} well above these, and these are the limits
 * clients meet.
 */
@ConfigMapping(prefix = "panelwatch.http")
public interface HttpLimits {

    /** The largest body, in bytes (413 above it). */
    @WithDefault("10485760")
    long maxBodyBytes();

    /** The longest request line ({@code GET /path?query HTTP/1.1}), in characters (414 above it). */
    @WithDefault("4096")
    int maxRequestLineLength();

    /** The most header bytes, names and values with their separators (431 above it). */
    @WithDefault("16384")
    int maxHeaderBytes();
}
