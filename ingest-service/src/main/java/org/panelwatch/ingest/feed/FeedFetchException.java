package org.panelwatch.ingest.feed;

/** A feed could not be fetched or read; the message is what the feed's {@code lastError} shows. */
public class FeedFetchException extends Exception {

    public FeedFetchException(String message) {
        super(message);
    }

    public FeedFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
