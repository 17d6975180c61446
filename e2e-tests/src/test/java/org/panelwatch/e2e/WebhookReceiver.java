package org.panelwatch.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * The other side of Panelwatch in a test: an HTTP server on a free loopback port that receives
 * webhooks at {@code /webhook} and verifies each with {@link StandardWebhooksVerifier}, and serves
 * feeds the test puts at paths of its choice. A verified delivery is answered 204, any other 401, so
 * a sender that signs wrongly is retried and the test sees it as unverified.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received, with the verdict. */
    public record Delivery(Instant receivedAt, String webhookId, String timestamp, String signature,
                           String body, String failure, int answered) {
        public boolean verified() {
            return failure == null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(16);
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> feeds = new ConcurrentHashMap<>();
    private volatile StandardWebhooksVerifier verifier;
    private volatile int forcedStatus;
    private volatile Duration answerAfter = Duration.ZERO;
    private final AtomicInteger unanswered = new AtomicInteger();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/webhook", this::receive);
        server.createContext("/feeds/", this::serveFeed);
        server.setExecutor(executor);
        server.start();
    }

    /** The secret is known only once the subscription exists, after the receiver has started. */
    public void useSecret(String secret) {
        this.verifier = new StandardWebhooksVerifier(secret);
    }

    /** From now on every webhook is recorded (and verified) but answered {@code status}, as a failing receiver would. */
    public void failWith(int status) {
        this.forcedStatus = status;
    }

    /** From now on every webhook is held this long before it is answered, as a slow receiver would. */
    public void answerAfter(Duration delay) {
        this.answerAfter = delay;
    }

    /** Webhooks received and not answered yet: deliveries in flight, as the sender sees them. */
    public int unanswered() {
        return unanswered.get();
    }

    /** Back to answering 204 for verified deliveries. */
    public void recover() {
        this.forcedStatus = 0;
    }

    public String webhookUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    /** Serves {@code xml} at the returned URL. */
    public String serveFeed(String name, String xml) {
        feeds.put("/feeds/" + name, xml.getBytes(StandardCharsets.UTF_8));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/" + name;
    }

    public List<Delivery> deliveries(Predicate<Delivery> which) {
        return deliveries.stream().filter(which).toList();
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        StandardWebhooksVerifier current = verifier;
        String failure = !"POST".equals(exchange.getRequestMethod()) ? "not a POST"
                : current == null ? "no secret yet"
                : current.check(id, timestamp, signature, body, Instant.now());
        int forced = forcedStatus;
        int answer = forced != 0 ? forced : failure == null ? 204 : 401;
        deliveries.add(new Delivery(Instant.now(), id, timestamp, signature, new String(body, StandardCharsets.UTF_8), failure, answer));
        unanswered.incrementAndGet();
        try {
            Duration delay = answerAfter;
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            exchange.sendResponseHeaders(answer, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            unanswered.decrementAndGet();
            exchange.close();
        }
    }

    private void serveFeed(HttpExchange exchange) throws IOException {
        byte[] xml = feeds.get(exchange.getRequestURI().getPath());
        if (xml == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, xml.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(xml);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
