package org.panelwatch.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The console's own settings (PANELWATCH_CONSOLE_*); the services' addresses are REST Client settings. */
@ConfigMapping(prefix = "panelwatch.console")
public interface ConsoleConfig {

    /** A session unused this long ends; the analyst signs in again and comes back to the page asked for. */
    @WithDefault("30m")
    Duration sessionIdle();

    /** No session lives longer than this, used or not. */
    @WithDefault("8h")
    Duration sessionMax();

    /** At most this many sessions are kept; the least recently used goes first. */
    @WithDefault("10000")
    int maxSessions();

    /**
     * Mark the session cookie Secure. On by default; the local stack (plain http on a non-localhost
     * name) and tests turn it off. Browsers accept Secure cookies from http://localhost.
     */
    @WithDefault("true")
    boolean secureCookie();

    /** How often the signal page asks whether new signals arrived. */
    @WithDefault("30")
    int pollSeconds();
}
