import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/**
 * The Panelwatch demo's local peer, run without a build (JDK 17 single-file source launch):
 *
 * <pre>
 *   java deploy/local/demo/DemoReceiver.java --port 8099 --feed deploy/local/demo/feed.xml \
 *        --secret-file .state/demo-webhook.secret --out .state/demo-receiver.jsonl
 * </pre>
 *
 * <ul>
 *   <li>{@code GET /feed.xml} serves the demo RSS feed, so the ingest service can poll it;</li>
 *   <li>{@code POST /webhook} receives alerts and verifies them as the Standard Webhooks
 *       specification says (https://www.standardwebhooks.com/, "Verifying webhooks"): HMAC-SHA256
 *       over {@code id.timestamp.body}, keyed by the base64-decoded secret after {@code whsec_},
 *       compared in constant time with every {@code v1,} signature in the header; timestamps more
 *       than five minutes away from now are refused against replays;</li>
 *   <li>every delivery becomes one JSON line in the output file, with {@code duplicate} set when its
 *       {@code webhook-id} was seen before (the receiver de-duplicates, as the specification asks
 *       receivers to do, because delivery is at least once);</li>
 *   <li>{@code GET /health} answers 200, {@code GET /deliveries} returns the recorded lines.</li>
 * </ul>
 *
 * A verified delivery is answered 204; one that fails verification 401, so the sender retries (the
 * secret file is re-read for every request: it exists only once the subscription does).
 */
public final class DemoReceiver {

    private static final long TOLERANCE_SECONDS = 5 * 60;
    private static final String SECRET_PREFIX = "whsec_";

    private final Path feed;
    private final Path secretFile;
    private final Path out;
    private final Set<String> seenIds = ConcurrentHashMap.newKeySet();

    private DemoReceiver(Path feed, Path secretFile, Path out) throws IOException {
        this.feed = feed;
        this.secretFile = secretFile;
        this.out = out;
        if (Files.exists(out)) {
            // A restarted receiver still recognises what it accepted before.
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                Object record = line.isBlank() ? null : Json.parse(line);
                if (record instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("verified"))
                        && map.get("webhookId") instanceof String id) {
                    seenIds.add(id);
                }
            }
        }
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int port = Integer.parseInt(options.getOrDefault("--port", "8099"));
        String host = options.getOrDefault("--host", "127.0.0.1");
        Path feed = Path.of(options.getOrDefault("--feed", "deploy/local/demo/feed.xml"));
        Path secretFile = Path.of(options.getOrDefault("--secret-file", "deploy/local/.state/demo-webhook.secret"));
        Path out = Path.of(options.getOrDefault("--out", "deploy/local/.state/demo-receiver.jsonl"));
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }

        DemoReceiver receiver = new DemoReceiver(feed, secretFile, out);
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/feed.xml", receiver::serveFeed);
        server.createContext("/webhook", receiver::receiveWebhook);
        server.createContext("/deliveries", receiver::serveDeliveries);
        server.createContext("/pages/", exchange -> servePage(exchange, feed.resolveSibling("pages")));
        server.createContext("/health", exchange -> respond(exchange, 200, "text/plain", "ok\n"));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        System.out.printf("demo receiver on http://%s:%d (feed /feed.xml, pages /pages/, webhooks /webhook), recording to %s%n",
                host, server.getAddress().getPort(), out);
    }

    private void serveFeed(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "GET only\n");
            return;
        }
        byte[] body = Files.readAllBytes(feed);
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            if (!"HEAD".equals(exchange.getRequestMethod())) {
                os.write(body);
            }
        }
    }

    /**
     * The demo's article pages (deploy/local/demo/pages/NAME.html): the demo pushes one-line summaries that
     * link here with "fetch": true, and ingest-service fetches and reads the whole article.
     */
    private static void servePage(HttpExchange exchange, Path pages) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/pages/".length());
        Path page = pages.resolve(name).normalize();
        if (!name.matches("[a-z0-9-]+\\.html") || !page.startsWith(pages) || !Files.isRegularFile(page)) {
            respond(exchange, 404, "text/plain", "no such page\n");
            return;
        }
        byte[] body = Files.readAllBytes(page);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private void serveDeliveries(HttpExchange exchange) throws IOException {
        String body = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        respond(exchange, 200, "application/x-ndjson", body);
    }

    private void receiveWebhook(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain", "POST only\n");
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");

        String failure = verify(id, timestamp, signature, body);
        boolean verified = failure == null;
        boolean duplicate = verified && !seenIds.add(id);

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("receivedAt", Instant.now().toString());
        record.put("webhookId", id);
        record.put("verified", verified);
        if (!verified) {
            record.put("reason", failure);
        }
        record.put("duplicate", duplicate);
        describe(body, record);
        append(Json.write(record));

        if (verified) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        } else {
            respond(exchange, 401, "text/plain", failure + "\n");
        }
    }

    /** Returns null when the delivery is authentic, else why it is not. */
    private String verify(String id, String timestamp, String signatureHeader, byte[] body) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number of seconds";
        }
        long now = Instant.now().getEpochSecond();
        if (Math.abs(now - sentAt) > TOLERANCE_SECONDS) {
            return "webhook-timestamp is more than five minutes away from now";
        }
        byte[] key;
        try {
            String secret = Files.exists(secretFile) ? Files.readString(secretFile, StandardCharsets.UTF_8).trim() : "";
            if (secret.isEmpty()) {
                return "no secret yet in " + secretFile;
            }
            key = Base64.getDecoder().decode(secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret);
        } catch (IOException | IllegalArgumentException e) {
            return "cannot read the secret: " + e.getMessage();
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            expected = mac.doFinal(body);
        } catch (Exception e) {
            return "cannot compute HMAC-SHA256: " + e.getMessage();
        }
        // The header may carry several space-separated signatures (key rotation); one match is enough.
        for (String candidate : signatureHeader.trim().split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !"v1".equals(candidate.substring(0, comma))) {
                continue;
            }
            try {
                byte[] given = Base64.getDecoder().decode(candidate.substring(comma + 1));
                if (MessageDigest.isEqual(expected, given)) {
                    return null;
                }
            } catch (IllegalArgumentException ignored) {
                // not base64: not a match
            }
        }
        return "no v1 signature matches";
    }

    /** Picks what a reader of the log wants from the contract's body: type and the signal's headline. */
    private static void describe(byte[] body, Map<String, Object> record) {
        Object parsed;
        try {
            parsed = Json.parse(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            record.put("bodyError", e.getMessage());
            return;
        }
        if (!(parsed instanceof Map<?, ?> root)) {
            return;
        }
        Object data = root.get("data");
        putIfPresent(record, "type", root.get("type"));
        putIfPresent(record, "signalType", first(data, "signalType", "signal.type", "type"));
        putIfPresent(record, "title", first(data, "title", "item.title"));
        putIfPresent(record, "score", first(data, "score", "signal.score"));
        putIfPresent(record, "severity", first(data, "severity", "signal.severity"));
        putIfPresent(record, "storyId", first(data, "storyId", "signal.storyId", "item.storyId"));
        putIfPresent(record, "itemId", first(data, "itemId", "item.id", "signal.itemId"));
        putIfPresent(record, "url", first(data, "url", "item.url"));
        putIfPresent(record, "source", first(data, "source", "item.source"));
        putIfPresent(record, "subscriptionId", first(data, "subscriptionId", "subscription.id"));
        Object evidence = first(data, "evidence", "signal.evidence");
        if (evidence instanceof List<?> list) {
            List<Object> sentences = new ArrayList<>();
            for (Object e : list) {
                sentences.add(e instanceof Map<?, ?> m ? (m.containsKey("sentence") ? m.get("sentence") : m.get("text")) : e);
            }
            record.put("evidence", sentences);
        }
    }

    private static void putIfPresent(Map<String, Object> record, String key, Object value) {
        if (value != null) {
            record.put(key, value);
        }
    }

    private static Object first(Object node, String... paths) {
        for (String path : paths) {
            Object current = node;
            for (String part : path.split("\\.")) {
                current = current instanceof Map<?, ?> map ? map.get(part) : null;
            }
            if (current != null) {
                return current;
            }
        }
        return null;
    }

    private synchronized void append(String line) throws IOException {
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            w.write(line);
            w.write('\n');
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(bytes);
        }
    }

    /** Just enough JSON (RFC 8259) for webhook bodies and the log: objects, arrays, strings, numbers, literals. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object value = p.value();
            p.space();
            if (p.i != p.s.length()) {
                throw p.error("trailing characters");
            }
            return value;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            i++;
            space();
            if (peek() == '}') {
                i++;
                return map;
            }
            while (true) {
                space();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (peek() == ',') {
                    i++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            space();
            if (peek() == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (peek() == ',') {
                    i++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        i += 4;
                    }
                    default -> b.append(e);
                }
            }
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character '" + s.charAt(i) + "'");
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return value;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private char peek() {
            return i < s.length() ? s.charAt(i) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(what + " at offset " + i);
        }

        static String write(Object value) {
            StringBuilder b = new StringBuilder();
            write(value, b);
            return b.toString();
        }

        private static void write(Object value, StringBuilder b) {
            if (value == null) {
                b.append("null");
            } else if (value instanceof String str) {
                b.append('"');
                for (char c : str.toCharArray()) {
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                b.append(String.format("\\u%04x", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            } else if (value instanceof Map<?, ?> map) {
                b.append('{');
                boolean firstEntry = true;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!firstEntry) {
                        b.append(',');
                    }
                    firstEntry = false;
                    write(String.valueOf(e.getKey()), b);
                    b.append(':');
                    write(e.getValue(), b);
                }
                b.append('}');
            } else if (value instanceof List<?> list) {
                b.append('[');
                for (int k = 0; k < list.size(); k++) {
                    if (k > 0) {
                        b.append(',');
                    }
                    write(list.get(k), b);
                }
                b.append(']');
            } else if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                b.append(d.longValue());
            } else {
                b.append(value);
            }
        }
    }
}
