package org.panelwatch.common.security;

/** The roles of the contract's "Authentication and roles". */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String INGEST = "ingest";
    public static final String READER = "reader";
    public static final String SUBSCRIBER = "subscriber";

    private Roles() {
    }
}
