package org.panelwatch.ingest.service;

/** What one poll of a feed did: entries new to Panelwatch, entries seen before, and how it went. */
public record PollOutcome(int newItems, int duplicates, Status status, String error) {

    public enum Status {
        OK("ok"), NOT_MODIFIED("not-modified"), ERROR("error");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    static PollOutcome ok(int newItems, int duplicates) {
        return new PollOutcome(newItems, duplicates, Status.OK, null);
    }

    static PollOutcome notModified() {
        return new PollOutcome(0, 0, Status.NOT_MODIFIED, null);
    }

    static PollOutcome error(String error) {
        return new PollOutcome(0, 0, Status.ERROR, error);
    }
}
