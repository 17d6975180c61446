package org.panelwatch.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;

/**
 * Feeds an attacker (or a broken publisher) would serve, on a free loopback port: XML external
 * entities pointing at {@code /etc/passwd} and at a DTD of this server, billion laughs, a feed that
 * never ends and one that trickles, a server that never answers, a redirect loop, redirects to
 * {@code file:} and to the cloud metadata address, bodies that are not XML, a feed over the size limit
 * and a gzip bomb. It records every path asked for, so a test can prove that no parser fetched the
 * external DTD.
 */
public final class HostileFeedServer implements AutoCloseable {

    /** One hostile feed: its path on this server and what it tries. */
    public record HostileFeed(String name, String path) {
    }

    private static final int MIB = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-feed-server");
        t.setDaemon(true);
        return t;
    });
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final Map<String, HostileFeed> feeds = new LinkedHashMap<>();
    private volatile boolean closed;

    public HostileFeedServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        serve("XXE: external entity file:///etc/passwd", "/xxe.xml", ex -> xml(ex, """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>xxe</title><link>https://xxe.example.org/</link><description>x</description>
                <item><title>leak &xxe;</title><link>https://xxe.example.org/1</link><description>&xxe;</description></item>
                </channel></rss>
                """));
        serve("XXE: external parameter entity (a DTD on this server)", "/xxe-parameter.xml", ex -> xml(ex, """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY % remote SYSTEM "BASE/evil.dtd"> %remote;]>
                <rss version="2.0"><channel><title>oob</title><link>https://oob.example.org/</link><description>x</description>
                <item><title>out of band</title><link>https://oob.example.org/1</link><description>x</description></item>
                </channel></rss>
                """.replace("BASE", baseUrl())));
        serve("XXE in Atom: external entity file:///etc/passwd", "/xxe-atom.xml", ex -> xml(ex, """
                <?xml version="1.0"?>
                <!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>xxe</title><id>urn:x</id><updated>2024-06-19T08:00:00Z</updated>
                <entry><title>&xxe;</title><id>urn:x:1</id><updated>2024-06-19T08:00:00Z</updated>
                <link href="https://xxe.example.org/atom/1"/><content>&xxe;</content></entry></feed>
                """));
        serve("billion laughs", "/laughs.xml", ex -> xml(ex, billionLaughs()));
        serve("a feed that never ends (streams without end)", "/endless.xml", this::endless);
        serve("a feed that trickles one byte a second", "/trickle.xml", this::trickle);
        serve("a server that accepts and never answers", "/silent.xml", ex -> pause(ex, 120_000));
        serve("a redirect loop", "/loop-a", ex -> redirect(ex, "/loop-b"));
        context("/loop-b", ex -> redirect(ex, "/loop-a"));
        serve("a redirect to file:///etc/passwd", "/to-file", ex -> redirect(ex, "file:///etc/passwd"));
        serve("a redirect to the cloud metadata address", "/to-metadata",
                ex -> redirect(ex, "http://169.254.169.254/latest/meta-data/"));
        serve("HTML, not XML", "/not-xml.html", ex -> send(ex, 200, "text/html",
                "<!doctype html><html><body><p>Not a feed <script>alert(1)</script></body></html>".getBytes(StandardCharsets.UTF_8)));
        serve("JSON, not XML", "/not-xml.json", ex -> send(ex, 200, "application/json",
                "{\"rss\": \"' OR 1=1 --\"}".getBytes(StandardCharsets.UTF_8)));
        serve("random bytes", "/garbage.xml", ex -> send(ex, 200, "application/rss+xml", randomBytes(64 * 1024)));
        serve("invalid UTF-8 in a declared UTF-8 feed", "/bad-utf8.xml", ex -> send(ex, 200, "application/rss+xml", badUtf8()));
        serve("an empty body", "/empty.xml", ex -> send(ex, 200, "application/rss+xml", new byte[0]));
        serve("truncated XML", "/truncated.xml", ex -> xml(ex, "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>cut"));
        serve("a valid feed over the size limit (12 MiB)", "/huge.xml", ex -> send(ex, 200, "application/rss+xml", hugeFeed(12 * MIB)));
        serve("a gzip bomb (1 GiB of zeros)", "/gzip-bomb.xml", this::gzipBomb);
        serve("HTTP 500", "/error-500.xml", ex -> send(ex, 500, "text/plain", "boom".getBytes(StandardCharsets.UTF_8)));
        context("/evil.dtd", ex -> send(ex, 200, "application/xml-dtd",
                "<!ENTITY % all \"<!ENTITY stolen 'dtd was fetched'>\">".getBytes(StandardCharsets.UTF_8)));
        server.setExecutor(executor);
        server.start();
    }

    public List<HostileFeed> feeds() {
        return List.copyOf(feeds.values());
    }

    public String url(HostileFeed feed) {
        return baseUrl() + feed.path();
    }

    /** Every path this server was asked for, in order. */
    public List<String> requested() {
        return List.copyOf(requested);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private void serve(String name, String path, Handler handler) {
        feeds.put(path, new HostileFeed(name, path));
        context(path, handler);
    }

    private void context(String path, Handler handler) {
        server.createContext(path, exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            try (exchange) {
                handler.handle(exchange);
            } catch (IOException e) {
                // The client gave up (a limit or a deadline): that is what these feeds are for.
            }
        });
    }

    private static void xml(HttpExchange exchange, String xml) throws IOException {
        send(exchange, 200, "application/rss+xml; charset=UTF-8", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    /** Chunked, an item after another, until the client hangs up or the server closes. */
    private void endless(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>endless</title>".getBytes(StandardCharsets.UTF_8));
        byte[] item = "<item><title>again</title><link>https://endless.example.org/</link><description>and again</description></item>\n"
                .getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!closed && System.nanoTime() < deadline) {
            out.write(item);
        }
    }

    private void trickle(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        byte[] prefix = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>slow".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 120 && !closed; i++) {
            out.write(prefix[i % prefix.length]);
            out.flush();
            pauseQuietly(1000);
        }
    }

    private void pause(HttpExchange exchange, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!closed && System.currentTimeMillis() < deadline) {
            pauseQuietly(200);
        }
    }

    private void gzipBomb(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        exchange.sendResponseHeaders(200, 0);
        byte[] zeros = new byte[MIB];
        try (GZIPOutputStream gzip = new GZIPOutputStream(exchange.getResponseBody())) {
            for (int i = 0; i < 1024 && !closed; i++) {
                gzip.write(zeros);
            }
        }
    }

    private static String billionLaughs() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
        dtd.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
        for (int i = 2; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                dtd.append("&lol").append(i - 1).append(';');
            }
            dtd.append("\">\n");
        }
        return dtd.append("]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><link>https://laughs.example.org/</link>")
                .append("<description>&lol9;</description><item><title>&lol9;</title><link>https://laughs.example.org/1</link>")
                .append("<description>&lol9;</description></item></channel></rss>\n").toString();
    }

    private static byte[] hugeFeed(int bytes) {
        StringBuilder xml = new StringBuilder(bytes + 1024)
                .append("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>huge</title><link>https://huge.example.org/</link>");
        int n = 0;
        while (xml.length() < bytes) {
            xml.append("<item><title>item ").append(n).append("</title><link>https://huge.example.org/").append(n++)
                    .append("</link><description>").append("filler ".repeat(200)).append("</description></item>\n");
        }
        return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    private static byte[] badUtf8() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>bad</title>"
                + "<link>https://bad-utf8.example.org/</link><description>x</description><item><title>bad ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80});
        out.writeBytes(("</title><link>https://bad-utf8.example.org/1</link><description>x</description></item></channel></rss>")
                .getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static void pauseQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
