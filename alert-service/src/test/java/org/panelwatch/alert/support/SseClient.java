package org.panelwatch.alert.support;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * A minimal Server-Sent Events client for the tests: collects events (id and data) until closed. HTTP/1.1 like a
 * browser's EventSource on plain http; closing it closes its connection.
 */
public final class SseClient implements AutoCloseable {

    private static final String THREAD_NAME = "test-sse-client";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public record Event(String id, String name, String data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile Stream<String> lines;
    private volatile int status;
    private volatile boolean closed;
    private volatile HttpHeaders headers;
    private final StringBuilder body = new StringBuilder();

    public SseClient(String url, String apiKey, String lastEventId) {
        reader = new Thread(() -> read(url, apiKey, lastEventId), THREAD_NAME);
        reader.setDaemon(true);
        reader.start();
    }

    private void read(String url, String apiKey, String lastEventId) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + apiKey)
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        try {
            HttpResponse<Stream<String>> response = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines());
            lines = response.body();
            headers = response.headers();
            // After lines and headers: whoever sees the status may close the stream.
            status = response.statusCode();
            if (closed) {
                lines.close();
            }
            String id = null;
            String name = null;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                synchronized (body) {
                    body.append(line).append('\n');
                }
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, name, data.toString()));
                    }
                    id = null;
                    name = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
        } catch (Exception e) {
            // Closed by the test, or the server went away.
        }
    }

    public List<Event> events() {
        return List.copyOf(events);
    }

    /** 0 until the answer's status line has arrived. */
    public int status() {
        return status;
    }

    /** The answer's header, once {@link #status()} is known. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** Everything read so far, as sent: the problem JSON of a refused stream. */
    public String body() {
        synchronized (body) {
            return body.toString();
        }
    }

    /** Waits for the answer's status; a stream that was accepted answers 200 at once, before any event. */
    public int awaitStatus() {
        await().atMost(Duration.ofSeconds(10)).until(() -> status != 0);
        return status;
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> s = lines;
        if (s != null) {
            s.close();
        }
        reader.interrupt();
    }
}
