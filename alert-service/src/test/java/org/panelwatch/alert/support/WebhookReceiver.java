package org.panelwatch.alert.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP receiver for webhooks in the test: each endpoint has its own path, records every request
 * and answers from a script (status codes, or "hang" to never answer in time), then a default.
 */
public final class WebhookReceiver {

    public static final int HANG = -1;

    public record Received(Map<String, String> headers, String body, long receivedAtMillis) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    private static WebhookReceiver instance;

    private final HttpServer server;
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private final Map<String, Queue<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Integer> defaults = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> extraHeaders = new ConcurrentHashMap<>();

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "test-webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized WebhookReceiver get() {
        if (instance == null) {
            try {
                instance = new WebhookReceiver();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    /** A new endpoint answering {@code defaultStatus} after the scripted answers run out. */
    public String endpoint(int defaultStatus, Integer... script) {
        String path = "/hook/" + UUID.randomUUID();
        received.put(path, new CopyOnWriteArrayList<>());
        scripts.put(path, new ConcurrentLinkedQueue<>(List.of(script)));
        defaults.put(path, defaultStatus);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void answerHeader(String url, String name, String value) {
        extraHeaders.computeIfAbsent(path(url), p -> new ConcurrentHashMap<>()).put(name, value);
    }

    public List<Received> received(String url) {
        return new ArrayList<>(received.getOrDefault(path(url), List.of()));
    }

    private static String path(String url) {
        return url.substring(url.indexOf("/hook/"));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> headers = new ConcurrentHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        List<Received> list = received.get(path);
        if (list == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        list.add(new Received(headers, new String(body, StandardCharsets.UTF_8), System.currentTimeMillis()));
        Integer scripted = scripts.get(path).poll();
        int status = scripted != null ? scripted : defaults.get(path);
        if (status == HANG) {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            status = 200;
        }
        extraHeaders.getOrDefault(path, Map.of()).forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
