package org.panelwatch.ingest.fetch;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.common.outbound.AddressNotAllowedException;
import org.panelwatch.common.outbound.DestinationGuard;

/**
 * Every HTTP request made for article pages and their robots.txt goes through here, so the address
 * guard lives in one place: {@link DestinationGuard#check} (panelwatch-common's one address policy) on each hop's URL before the request, and
 * again on every address the client actually connects to (our own {@link DnsResolver}, so a name that
 * resolves differently the second time cannot slip through). Redirects are followed by hand, at most
 * the configured number, each hop passing the caller's {@link Gate} (robots.txt and the host's turn).
 * One deadline covers the whole exchange; the body is cut off at a byte limit after decompression.
 */
@ApplicationScoped
public class PageFetcher {

    /** Checks a hop before it is requested: robots.txt, the per-host interval. */
    @FunctionalInterface
    public interface Gate {
        Gate OPEN = target -> {
        };

        void beforeRequest(URI target) throws PageFetchException, HostBusyException;
    }

    /** Validators of an earlier answer for a conditional GET (RFC 9110 section 13.1); either may be null. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    /** The final answer after redirects: any status but 3xx, the body read up to the limit. */
    public record Answer(URI url, int status, String contentType, byte[] body, String etag, String lastModified,
            String location, Duration retryAfter) {

        public String mimeType() {
            if (contentType == null) {
                return null;
            }
            int semicolon = contentType.indexOf(';');
            return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        }

        /** The charset parameter of Content-Type, or null when absent. */
        public String charsetParameter() {
            try {
                ContentType parsed = contentType == null ? null : ContentType.parseLenient(contentType);
                return parsed == null ? null : parsed.getParameter("charset");
            } catch (RuntimeException e) {
                return null;
            }
        }
    }

    private static final String ACCEPT_PAGES = "text/html, application/xhtml+xml;q=0.9, application/pdf;q=0.8, "
            + "text/plain;q=0.5, */*;q=0.1";

    private final IngestConfig.Pages config;
    private final DestinationGuard guard;
    private final String userAgent;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    @Inject
    public PageFetcher(IngestConfig config, DestinationGuard guard) {
        this.config = config.pages();
        this.guard = guard;
        this.userAgent = userAgent(this.config.contactUrl());
        PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckedResolver(guard))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(this.config.connectTimeout()))
                        .setSocketTimeout(Timeout.of(this.config.fetchTimeout()))
                        .build())
                .setMaxConnTotal(Math.max(4, this.config.threads() * 2))
                .setMaxConnPerRoute(2)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(userAgent)
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "page-fetch-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The product token robots.txt groups are matched against (RFC 9309 section 2.2.1). */
    public static final String ROBOT_NAME = "Panelwatch";

    static String userAgent(String contactUrl) {
        return ROBOT_NAME + "/0.1 (+" + contactUrl + ")";
    }

    public String userAgent() {
        return userAgent;
    }

    /**
     * Fetches a page: the final answer when it is 2xx (or 304 to a conditional GET), else a failure
     * that says whether another try may help: 429 and 5xx may (with the server's Retry-After), other
     * 4xx do not; 401, 402 and 403 read as a paywall or a login.
     */
    public Answer fetchPage(URI url, Validators validators, Gate gate, long deadlineNanos)
            throws PageFetchException, HostBusyException {
        Answer answer = exchange(url, validators, ACCEPT_PAGES, config.maxBytes(), gate, deadlineNanos);
        int status = answer.status();
        if ((status >= 200 && status < 300) || status == 304) {
            return answer;
        }
        String detail = "HTTP " + status + " from " + answer.url();
        if (status == 401 || status == 402 || status == 403) {
            throw new PageFetchException("paywall", detail, false);
        }
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        throw new PageFetchException("http-" + status, detail, retryable, answer.retryAfter(), null);
    }

    /** Any final answer to a GET, redirects followed; callers read the status themselves (robots.txt). */
    public Answer exchange(URI url, Validators validators, String accept, long maxBytes, Gate gate, long deadlineNanos)
            throws PageFetchException, HostBusyException {
        URI target = url;
        for (int hop = 0; hop <= config.maxRedirects(); hop++) {
            DestinationGuard.Check check = guard.check(target.toString());
            if (check.refused()) {
                // An unresolved host is left to the request, which reports it as unreachable.
                throw new PageFetchException("address-refused", target + " " + check.reason(), false);
            }
            gate.beforeRequest(target);
            Answer answer = request(target, validators, accept, maxBytes, deadlineNanos);
            int status = answer.status();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                target = redirectTarget(target, answer);
                continue;
            }
            return answer;
        }
        throw new PageFetchException("too-many-redirects", "more than " + config.maxRedirects() + " redirects from " + url,
                false);
    }

    private static URI redirectTarget(URI from, Answer answer) throws PageFetchException {
        String location = answer.location();
        if (location == null || location.isBlank()) {
            throw new PageFetchException("http-" + answer.status(), "redirect without Location from " + from, false);
        }
        try {
            return from.resolve(new URI(location.trim())).normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new PageFetchException("http-" + answer.status(), "unreadable Location " + location, false);
        }
    }

    private Answer request(URI target, Validators validators, String accept, long maxBytes, long deadlineNanos)
            throws PageFetchException {
        Duration remaining = remaining(deadlineNanos, target);
        HttpGet get = new HttpGet(target);
        get.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(remaining))
                .setConnectionRequestTimeout(Timeout.of(remaining))
                .build());
        get.setHeader("Accept", accept);
        get.setHeader("Accept-Language", "en, *;q=0.5");
        if (validators.etag() != null) {
            get.setHeader("If-None-Match", validators.etag());
        }
        if (validators.lastModified() != null) {
            get.setHeader("If-Modified-Since", validators.lastModified());
        }
        // A server that trickles its answer byte by byte would pass every socket timeout: the deadline aborts it.
        ScheduledFuture<?> abort = deadlines.schedule(get::cancel, remaining.toNanos(), TimeUnit.NANOSECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, get, null)) {
            int status = response.getCode();
            String contentType = header(response, "Content-Type");
            Duration retryAfter = retryAfter(header(response, "Retry-After"));
            if (status >= 300 && status < 400 && status != 304) {
                return new Answer(target, status, contentType, new byte[0], null, null, header(response, "Location"),
                        retryAfter);
            }
            byte[] body = read(response.getEntity(), maxBytes, target);
            return new Answer(target, status, contentType, body, header(response, "ETag"), header(response, "Last-Modified"),
                    null, retryAfter);
        } catch (PageFetchException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(e, target, deadlineNanos);
        } finally {
            abort.cancel(false);
        }
    }

    private static byte[] read(HttpEntity entity, long maxBytes, URI target) throws IOException, PageFetchException {
        if (entity == null) {
            return new byte[0];
        }
        if (entity.getContentLength() > maxBytes) {
            throw new PageFetchException("too-large", target + " announces " + entity.getContentLength()
                    + " bytes, more than " + maxBytes, false);
        }
        try (InputStream in = entity.getContent()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw new PageFetchException("too-large", target + " is larger than " + maxBytes + " bytes", false);
            }
            return body;
        }
    }

    private PageFetchException failure(Exception e, URI target, long deadlineNanos) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof RefusedAddress refused) {
                return new PageFetchException("address-refused", target + " " + refused.getMessage(), false);
            }
        }
        if (System.nanoTime() - deadlineNanos >= 0 || e instanceof InterruptedIOException) {
            return new PageFetchException("timeout", target + " did not answer within " + config.fetchTimeout().toSeconds()
                    + " s", true, null, e);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new PageFetchException("connection-failed", target + ": " + message, true, null, e);
    }

    private Duration remaining(long deadlineNanos, URI target) throws PageFetchException {
        long nanos = deadlineNanos - System.nanoTime();
        if (nanos <= 0) {
            throw new PageFetchException("timeout", target + " not reached within " + config.fetchTimeout().toSeconds()
                    + " s", true);
        }
        return Duration.ofNanos(nanos);
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** Retry-After as delay-seconds or an HTTP-date (RFC 9110 section 10.2.3); null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Instant date = DateUtils.parseStandardDate(trimmed);
        if (date == null) {
            return null;
        }
        Duration wait = Duration.between(Instant.now(), date);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    @PreDestroy
    void close() {
        deadlines.shutdownNow();
        try {
            client.close();
        } catch (IOException e) {
            // closing idle connections at shutdown; nothing to do about it
        }
    }

    /** A resolved address the policy refuses; the connection is never opened. */
    static final class RefusedAddress extends UnknownHostException {
        RefusedAddress(String message) {
            super(message);
        }
    }

    /**
     * Resolves a host once and hands the client only addresses the policy allows, so the address
     * checked is the address connected to (no DNS rebinding between check and connect).
     */
    static final class CheckedResolver implements DnsResolver {
        private final DestinationGuard guard;

        CheckedResolver(DestinationGuard guard) {
            this.guard = guard;
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            try {
                return guard.allowedAddresses(host);
            } catch (AddressNotAllowedException e) {
                throw new RefusedAddress("resolves to a refused address: " + e.getMessage());
            }
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            List<InetSocketAddress> resolved = new ArrayList<>();
            for (InetAddress address : resolve(host)) {
                resolved.add(new InetSocketAddress(address, port));
            }
            return resolved;
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return host;
        }
    }
}
