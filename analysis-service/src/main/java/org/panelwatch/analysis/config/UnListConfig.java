package org.panelwatch.analysis.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Refreshing the UN 1718 list from the UN's published consolidated list (PANELWATCH_UN_LIST_REFRESH_...). */
@ConfigMapping(prefix = "panelwatch.un-list.refresh")
public interface UnListConfig {

    /** Whether the list is fetched on a schedule (and the last good one restored at start). */
    @WithDefault("true")
    boolean enabled();

    /** The UN Security Council Consolidated List in XML (all regimes; only the DPRK part is used). */
    @WithDefault("https://scsanctions.un.org/resources/xml/en/consolidated.xml")
    URI url();

    /** How often the list is asked for; the request is conditional, so an unchanged list costs one 304. */
    @WithDefault("12h")
    Duration every();

    /** The whole exchange, connect to last byte. */
    @WithDefault("120s")
    Duration timeout();

    /** The largest list accepted (the full list is about 2 MB). */
    @WithDefault("52428800")
    long maxBytes();

    /**
     * A list with fewer DPRK individuals and entities than this share of the current one is taken for
     * a truncated download and refused (the UN delists a few names a year, never a tenth of them).
     */
    @WithDefault("0.9")
    double minShare();

    /**
     * How often an instance looks whether another one stored a newer list, and takes it up (with
     * several instances only one fetches a new list first).
     */
    @WithDefault("5m")
    Duration adoptEvery();

    /** Whether the stored items are retagged after a new list replaced the old one. */
    @WithDefault("true")
    boolean retag();

    /** Loopback and private addresses for the list's URL: for local runs and tests only. */
    @WithDefault("false")
    boolean allowPrivateAddresses();
}
