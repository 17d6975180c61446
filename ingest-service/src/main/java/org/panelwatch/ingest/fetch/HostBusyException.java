package org.panelwatch.ingest.fetch;

import java.time.Instant;

/** Another request holds the host's slot beyond this fetch's patience: the page waits its turn in the queue. */
public class HostBusyException extends Exception {

    private final transient Instant freeAt;

    public HostBusyException(String host, Instant freeAt) {
        super("host " + host + " is busy until " + freeAt);
        this.freeAt = freeAt;
    }

    public Instant freeAt() {
        return freeAt;
    }
}
