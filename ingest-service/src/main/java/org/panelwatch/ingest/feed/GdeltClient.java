package org.panelwatch.ingest.feed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.panelwatch.ingest.config.IngestConfig;

/**
 * Asks the GDELT DOC 2.0 API for the articles matching a query ({@code mode=artlist&format=json}).
 * GDELT answers a malformed query with a plain-text message and status 200, no match with {@code {}},
 * and a client that asks too often with 429: the first and the last are that feed's error, never a crash.
 * Requests from this instance are spaced as GDELT asks (one every few seconds).
 */
@ApplicationScoped
public class GdeltClient {

    /** One article of an artlist answer; GDELT sends more fields (url_mobile, socialimage, sourcecountry). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Article(String url, String title, String seendate, String domain, String language) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(List<Article> articles) {
    }

    private static final int ERROR_EXCERPT_CHARS = 200;

    /** GDELT's JSON has been seen with raw control characters and stray escapes inside titles. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.ALLOW_UNQUOTED_CONTROL_CHARS)
            .enable(JsonParser.Feature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final FeedFetcher fetcher;
    private final IngestConfig.Gdelt config;
    private final Duration spacing;
    private long nextRequestAt = System.nanoTime();

    public GdeltClient(FeedFetcher fetcher, IngestConfig config) {
        this.fetcher = fetcher;
        this.config = config.gdelt();
        this.spacing = this.config.minRequestSpacing();
    }

    /** The API request of a query: what a {@code gdelt} feed stores as its url and polls. */
    public String requestUrl(String query) {
        return config.baseUrl() + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&mode=artlist&format=json&sort=datedesc&maxrecords=" + config.maxRecords()
                + "&timespan=" + URLEncoder.encode(config.timespan(), StandardCharsets.UTF_8);
    }

    public List<Article> articles(String requestUrl) throws FeedFetchException {
        awaitTurn();
        FeedFetcher.Fetched fetched = fetcher.fetch(requestUrl, null, null);
        return parse(fetched.body());
    }

    static List<Article> parse(byte[] body) throws FeedFetchException {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new FeedFetchException("GDELT sent an empty answer");
        }
        if (!text.startsWith("{")) {
            throw new FeedFetchException("GDELT refused the query: " + excerpt(text));
        }
        try {
            Answer answer = JSON.readValue(text, Answer.class);
            return answer.articles() == null ? List.of() : answer.articles();
        } catch (JsonProcessingException e) {
            throw new FeedFetchException("GDELT sent JSON that is not an article list: " + excerpt(e.getOriginalMessage()), e);
        }
    }

    /** Waits until the spacing since the previous request of this instance has passed. */
    private void awaitTurn() throws FeedFetchException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long start = Math.max(now, nextRequestAt);
            nextRequestAt = start + spacing.toNanos();
            wait = start - now;
        }
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FeedFetchException("Interrupted while waiting for GDELT");
            }
        }
    }

    private static String excerpt(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > ERROR_EXCERPT_CHARS ? line.substring(0, ERROR_EXCERPT_CHARS) + "…" : line;
    }
}
