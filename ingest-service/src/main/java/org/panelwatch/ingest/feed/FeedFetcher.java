package org.panelwatch.ingest.feed;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import org.panelwatch.ingest.config.IngestConfig;

/**
 * Fetches a feed the way a polite aggregator does: conditional GET (RFC 9110 section 13.1:
 * If-None-Match, If-Modified-Since), gzip, a bounded number of redirects each checked against the
 * URL policy, one deadline for the whole fetch, and a size limit on the body before and after
 * decompression.
 */
@ApplicationScoped
public class FeedFetcher {

    private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml, "
            + "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";

    /** What a fetch brought: either not modified, or a body with the validators for the next poll. */
    public record Fetched(boolean notModified, byte[] body, String etag, String lastModified) {
    }

    private final IngestConfig.Feeds config;
    private final FeedUrlPolicy policy;
    private final HttpClient client;

    public FeedFetcher(IngestConfig config, FeedUrlPolicy policy) {
        this.config = config.feeds();
        this.policy = policy;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.fetchTimeout())
                .build();
    }

    public Fetched fetch(String url, String etag, String lastModified) throws FeedFetchException {
        long deadline = System.nanoTime() + config.fetchTimeout().toNanos();
        URI target = URI.create(url);
        for (int hop = 0; hop <= config.maxRedirects(); hop++) {
            String refusal = policy.refusal(target.toString());
            if (refusal != null) {
                throw new FeedFetchException("URL " + target + " " + refusal);
            }
            HttpResponse<byte[]> response = send(request(target, etag, lastModified, deadline), deadline);
            int status = response.statusCode();
            if (status == 304) {
                return new Fetched(true, null, etag, lastModified);
            }
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                String location = response.headers().firstValue("Location")
                        .orElseThrow(() -> new FeedFetchException("HTTP " + status + " without Location"));
                target = target.resolve(location.trim());
                continue;
            }
            if (status < 200 || status > 299) {
                throw new FeedFetchException("HTTP " + status + " from " + target);
            }
            byte[] body = decoded(response);
            return new Fetched(false, body,
                    response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null));
        }
        throw new FeedFetchException("More than " + config.maxRedirects() + " redirects");
    }

    private HttpRequest request(URI target, String etag, String lastModified, long deadline) throws FeedFetchException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .GET()
                .timeout(remaining(deadline))
                .header("Accept", ACCEPT)
                .header("Accept-Encoding", "gzip")
                .header("User-Agent", config.userAgent());
        if (etag != null) {
            builder.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            builder.header("If-Modified-Since", lastModified);
        }
        return builder.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request, long deadline) throws FeedFetchException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new LimitedBody(config.maxFeedBytes()));
        try {
            return future.get(remaining(deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FeedFetchException("Timed out after " + config.fetchTimeout().toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof FeedTooLarge) {
                    throw new FeedFetchException(c.getMessage());
                }
            }
            throw new FeedFetchException("Could not fetch " + request.uri() + ": "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new FeedFetchException("Interrupted");
        }
    }

    private byte[] decoded(HttpResponse<byte[]> response) throws FeedFetchException {
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity").trim().toLowerCase(Locale.ROOT);
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

    private static final class FeedTooLarge extends IOException {
        FeedTooLarge(long limit) {
            super("Feed larger than " + limit + " bytes");
        }
    }

    /** Collects the body, and gives up (cancelling the download) once it passes the limit. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (out.size() + (long) buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new FeedTooLarge(limit));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
