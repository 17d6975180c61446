package org.panelwatch.console.service;

/** What a signed-in key may do, found by asking each service at sign-in. */
public record Access(boolean reader, boolean ingest, boolean subscriber, boolean admin) {

    public boolean any() {
        return reader || ingest || subscriber;
    }

    /** The role the pages name: admin, reader, ingest or subscriber. */
    public String role() {
        if (admin) {
            return "admin";
        }
        return reader ? "reader" : ingest ? "ingest" : subscriber ? "subscriber" : "none";
    }
}
