package org.panelwatch.common.outbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AbstractBinAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for every outbound call to an address someone else chose (feeds, article pages,
 * webhooks). Apache HttpClient 5 asks its {@link DnsResolver} for the addresses to open a socket to;
 * ours is the {@link DestinationGuard}, so the socket goes to exactly the addresses the policy has just
 * checked, and a name that resolves differently a moment later (DNS rebinding) is checked again, not
 * trusted. TLS still verifies and sends (SNI) the host name of the URL.
 *
 * <p>No redirects are followed, no proxy is used (a proxy would be the address connected), no cookies
 * kept and no body decompressed: callers follow redirects themselves, each hop through here, and limit
 * a decompressed body themselves. One deadline covers each exchange from connect to the last byte.
 */
public final class GuardedHttpClient implements AutoCloseable {

    /** Connect timeout, and how many connections may be open at once (per host and in all). */
    public record Settings(Duration connectTimeout, int maxConnections) {
    }

    private final CloseableHttpAsyncClient client;

    public GuardedHttpClient(DestinationGuard guard, Settings settings) {
        Timeout connect = Timeout.of(settings.connectTimeout());
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedResolver(guard))
                        .setMaxConnTotal(settings.maxConnections())
                        .setMaxConnPerRoute(settings.maxConnections())
                        .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect).build())
                        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
        client.start();
    }

    /**
     * Sends the request; the answer, or an {@link OutboundFailure} saying why none came. Cancelling the
     * returned future, or its deadline passing, aborts the exchange and closes its connection.
     */
    public CompletableFuture<OutboundResponse> send(OutboundRequest request) {
        CompletableFuture<OutboundResponse> result = new CompletableFuture<>();
        String problem = OutboundUrl.problem(request.uri().toString()).orElse(null);
        if (problem != null) {
            result.completeExceptionally(new OutboundFailure(OutboundFailure.Kind.NOT_ALLOWED,
                    "URL " + request.uri() + " " + problem, null));
            return result;
        }
        Timeout timeout = Timeout.of(request.timeout());
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(RequestConfig.custom()
                .setConnectionRequestTimeout(timeout)
                .setResponseTimeout(timeout)
                .setRedirectsEnabled(false)
                .build());
        Future<Message<HttpResponse, byte[]>> exchange = client.execute(producer(request),
                new BasicResponseConsumer<>(new LimitedBody(request.maxBodyBytes())), null, context,
                new FutureCallback<>() {
                    @Override
                    public void completed(Message<HttpResponse, byte[]> message) {
                        result.complete(response(message));
                    }

                    @Override
                    public void failed(Exception e) {
                        result.completeExceptionally(classify(e, request.uri()));
                    }

                    @Override
                    public void cancelled() {
                        result.cancel(false);
                    }
                });
        CompletableFuture.delayedExecutor(request.timeout().toNanos(), TimeUnit.NANOSECONDS)
                .execute(() -> result.completeExceptionally(new OutboundFailure(OutboundFailure.Kind.TIMED_OUT,
                        "No answer from " + request.uri() + " within " + request.timeout().toMillis() + " ms", null)));
        result.whenComplete((response, failure) -> {
            if (failure != null) {
                exchange.cancel(true);
            }
        });
        return result;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    private static AsyncRequestProducer producer(OutboundRequest request) {
        AsyncRequestBuilder builder = AsyncRequestBuilder.create(request.method()).setUri(request.uri());
        request.headers().forEach(builder::addHeader);
        if (request.body() != null) {
            builder.setEntity(request.body(), ContentType.parse(request.contentType()));
        }
        return builder.build();
    }

    private static OutboundResponse response(Message<HttpResponse, byte[]> message) {
        List<Map.Entry<String, String>> headers = Arrays.stream(message.getHead().getHeaders())
                .map(h -> (Map.Entry<String, String>) new AbstractMap.SimpleImmutableEntry<>(h.getName(), h.getValue()))
                .toList();
        byte[] body = message.getBody() == null ? new byte[0] : message.getBody();
        return new OutboundResponse(message.getHead().getCode(), headers, body);
    }

    /** Sorts what went wrong into the kinds callers may show; the detail stays in the message. */
    static OutboundFailure classify(Throwable failure, URI uri) {
        String detail = uri + ": " + failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutboundFailure known) {
                return known;
            }
            if (t instanceof AddressNotAllowedException) {
                return new OutboundFailure(OutboundFailure.Kind.NOT_ALLOWED, t.getMessage(), failure);
            }
            if (t instanceof BodyTooLarge) {
                return new OutboundFailure(OutboundFailure.Kind.TOO_LARGE, t.getMessage(), failure);
            }
            if (t instanceof UnknownHostException) {
                return new OutboundFailure(OutboundFailure.Kind.UNRESOLVED, detail, failure);
            }
            if (t instanceof InterruptedIOException) { // connect and socket timeouts
                return new OutboundFailure(OutboundFailure.Kind.TIMED_OUT, detail, failure);
            }
        }
        return new OutboundFailure(OutboundFailure.Kind.UNREACHABLE, detail, failure);
    }

    /** The client's only way to addresses: the guard's. */
    private record GuardedResolver(DestinationGuard guard) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return guard.allowedAddresses(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host; // asked for by SPNEGO only, which is not used
        }
    }

    private static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("Body larger than " + limit + " bytes");
        }
    }

    /** Keeps the body up to the limit and fails past it; with a limit of 0 reads and drops it. */
    private static final class LimitedBody extends AbstractBinAsyncEntityConsumer<byte[]> {
        private final long limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        LimitedBody(long limit) {
            this.limit = limit;
        }

        @Override
        protected void streamStart(ContentType contentType) {
        }

        @Override
        protected int capacityIncrement() {
            return 64 * 1024;
        }

        @Override
        protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
            if (limit == 0) {
                src.position(src.limit());
                return;
            }
            if (kept.size() + (long) src.remaining() > limit) {
                throw new BodyTooLarge(limit);
            }
            byte[] chunk = new byte[src.remaining()];
            src.get(chunk);
            kept.write(chunk, 0, chunk.length);
        }

        @Override
        protected byte[] generateContent() {
            return kept.toByteArray();
        }

        @Override
        public void releaseResources() {
        }
    }
}
