package org.panelwatch.ingest.service;

import java.time.Instant;

/** One item as pushed or read from a feed, already validated: title and body present, url absolute http(s). */
public record ItemSubmission(String url, String title, String body, Instant published, String source, String lang,
        String externalId) {
}
