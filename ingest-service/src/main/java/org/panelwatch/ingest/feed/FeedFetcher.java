package org.panelwatch.ingest.feed;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPInputStream;
import org.jboss.logging.Logger;
import org.panelwatch.common.outbound.GuardedHttpClient;
import org.panelwatch.common.outbound.OutboundFailure;
import org.panelwatch.common.outbound.OutboundRequest;
import org.panelwatch.common.outbound.OutboundResponse;
import org.panelwatch.ingest.config.IngestConfig;

/**
 * Fetches a feed the way a polite aggregator does: conditional GET (RFC 9110 section 13.1:
 * If-None-Match, If-Modified-Since), gzip, a bounded number of redirects, one deadline for the whole
 * fetch, and a size limit on the body before and after decompression. Every hop goes through the
 * {@link GuardedHttpClient}, so each address connected, the first and every redirect's, is one the
 * address policy has just allowed.
 */
@ApplicationScoped
public class FeedFetcher {

    private static final Logger LOG = Logger.getLogger(FeedFetcher.class);
    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, "
            + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    /** What a fetch brought: either not modified, or a body with the validators for the next poll. */
    public record Fetched(boolean notModified, byte[] body, String etag, String lastModified) {
    }

    private final IngestConfig.Feeds config;
    private final GuardedHttpClient client;

    public FeedFetcher(IngestConfig config, GuardedHttpClient client) {
        this.config = config.feeds();
        this.client = client;
    }

    public Fetched fetch(String url, String etag, String lastModified) throws FeedFetchException {
        long deadline = System.nanoTime() + config.fetchTimeout().toNanos();
        URI target = URI.create(url);
        for (int hop = 0; hop <= config.maxRedirects(); hop++) {
            OutboundResponse response = send(request(target, etag, lastModified, deadline));
            int status = response.status();
            if (status == 304) {
                return new Fetched(true, null, etag, lastModified);
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.header("Location")
                        .orElseThrow(() -> new FeedFetchException("HTTP " + status + " without Location"));
                target = target.resolve(location.trim());
                continue;
            }
            if (status < 200 || status > 299) {
                throw new FeedFetchException("HTTP " + status + " from " + target);
            }
            byte[] body = decoded(response);
            return new Fetched(false, body, response.header("ETag").orElse(null), response.header("Last-Modified").orElse(null));
        }
        throw new FeedFetchException("More than " + config.maxRedirects() + " redirects");
    }

    private OutboundRequest request(URI target, String etag, String lastModified, long deadline) throws FeedFetchException {
        OutboundRequest request = OutboundRequest.get(target, remaining(deadline), config.maxFeedBytes())
                .withHeader("Accept", ACCEPT)
                .withHeader("Accept-Encoding", "gzip")
                .withHeader("User-Agent", config.userAgent());
        if (etag != null) {
            request = request.withHeader("If-None-Match", etag);
        }
        if (lastModified != null) {
            request = request.withHeader("If-Modified-Since", lastModified);
        }
        return request;
    }

    private OutboundResponse send(OutboundRequest request) throws FeedFetchException {
        CompletableFuture<OutboundResponse> exchange = client.send(request); // ends by request.timeout()
        try {
            return exchange.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof OutboundFailure failure)) {
                throw new FeedFetchException("Could not fetch " + request.uri(), e.getCause());
            }
            throw switch (failure.kind()) {
                case NOT_ALLOWED -> new FeedFetchException("URL " + request.uri() + " is not allowed: " + failure.getMessage());
                case TIMED_OUT -> new FeedFetchException("Timed out after " + config.fetchTimeout().toSeconds() + " s");
                case TOO_LARGE -> new FeedFetchException("Feed larger than " + config.maxFeedBytes() + " bytes");
                case UNRESOLVED -> new FeedFetchException("Could not fetch " + request.uri() + ": the host does not resolve");
                case UNREACHABLE -> {
                    // Refused, reset and unreachable read alike, so a feed URL cannot map which ports are open.
                    LOG.infof("Fetching %s failed: %s", request.uri(), failure.getMessage());
                    yield new FeedFetchException("Could not fetch " + request.uri() + ": no connection, or it broke off", failure);
                }
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.cancel(true);
            throw new FeedFetchException("Interrupted");
        }
    }

    private byte[] decoded(OutboundResponse response) throws FeedFetchException {
        String encoding = response.header("Content-Encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
        if (encoding.equals("identity") || encoding.isEmpty()) {
            return response.body();
        }
        if (!encoding.equals("gzip") && !encoding.equals("x-gzip")) {
            throw new FeedFetchException("Unsupported Content-Encoding " + encoding);
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, config.maxFeedBytes() + 1));
            if (body.length > config.maxFeedBytes()) {
                throw new FeedFetchException("Feed larger than " + config.maxFeedBytes() + " bytes once decompressed");
            }
            return body;
        } catch (IOException e) {
            throw new FeedFetchException("Corrupt gzip body: " + e.getMessage(), e);
        }
    }

    private static Duration remaining(long deadline) throws FeedFetchException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) {
            throw new FeedFetchException("Timed out");
        }
        return Duration.ofNanos(nanos);
    }
}
