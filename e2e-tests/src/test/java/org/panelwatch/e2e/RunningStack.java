package org.panelwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The local stack the end-to-end tests run against, once per test run: when the three services and the console
 * already answer ready it is used as it is (and left running); otherwise {@code deploy/local/stack.sh
 * up} starts it and {@code stack.sh down} stops it after the last test. The API keys come from the
 * environment ({@code PANELWATCH_*_KEY}) or from the stack's state folder, as {@code stack.sh} keeps
 * them.
 *
 * <p>System properties: {@code panelwatch.root} (the checkout; set by the pom), {@code
 * panelwatch.state} (default {@code $PANELWATCH_STATE_DIR} or {@code deploy/local/.state}), {@code
 * panelwatch.{ingest,analysis,alert,console}.url}.
 */
public final class RunningStack implements BeforeAllCallback {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(12);
    private static volatile Stack current;

    /** Where the services are and the keys to call them with. */
    public record Stack(String ingestUrl, String analysisUrl, String alertUrl, String consoleUrl,
                        String adminKey, String ingestKey, String readerKey,
                        Path root, Path state, boolean startedHere) implements AutoCloseable {
        @Override
        public void close() {
            if (startedHere) {
                run(root, "down", Duration.ofMinutes(2));
            }
        }
    }

    public static Stack stack() {
        Stack stack = current;
        if (stack == null) {
            throw new IllegalStateException("the test class needs @ExtendWith(RunningStack.class)");
        }
        return stack;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes the stack after the last test class of the run.
        current = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(RunningStack.class, key -> start(), Stack.class);
    }

    private static Stack start() {
        Path root = Path.of(System.getProperty("panelwatch.root", "..")).toAbsolutePath().normalize();
        String ingest = System.getProperty("panelwatch.ingest.url", "http://127.0.0.1:8081");
        String analysis = System.getProperty("panelwatch.analysis.url", "http://127.0.0.1:8082");
        String alert = System.getProperty("panelwatch.alert.url", "http://127.0.0.1:8083");
        String console = System.getProperty("panelwatch.console.url", "http://127.0.0.1:8080");
        List<String> services = List.of(ingest, analysis, alert, console);

        boolean startedHere = false;
        if (!services.stream().allMatch(RunningStack::ready)) {
            // A port held by a service that is not ready: another or half-started stack. (A stack up without
            // its console is fine: `up` is idempotent and starts only what is missing.)
            List<String> taken = services.stream().filter(s -> !ready(s) && portTaken(s)).toList();
            if (!taken.isEmpty()) {
                // Another stack (or a half-started one) holds the ports: starting a second one would only fail.
                throw new IllegalStateException("ports of " + taken + " are taken but not every service is ready; "
                        + "wait for the other stack or run deploy/local/stack.sh status / down");
            }
            run(root, "up", UP_TIMEOUT);
            startedHere = true;
        }
        Properties keys = keys(root);
        return new Stack(ingest, analysis, alert, console,
                key(keys, "PANELWATCH_ADMIN_KEY"), key(keys, "PANELWATCH_INGEST_KEY"), key(keys, "PANELWATCH_READER_KEY"),
                root, stateDir(root), startedHere);
    }

    private static Path stateDir(Path root) {
        return Path.of(System.getProperty("panelwatch.state",
                System.getenv().getOrDefault("PANELWATCH_STATE_DIR", root.resolve("deploy/local/.state").toString())));
    }

    private static Properties keys(Path root) {
        Properties keys = new Properties();
        Path file = stateDir(root).resolve("keys.env");
        if (Files.exists(file)) {
            try {
                keys.load(Files.newBufferedReader(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return keys;
    }

    private static String key(Properties fromFile, String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = fromFile.getProperty(name);
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is neither in the environment nor in the stack's keys.env "
                    + "(set -Dpanelwatch.state=<the running stack's state folder>)");
        }
        return value.trim();
    }

    /** Whether the service at {@code baseUrl} answers 200 at {@code /q/health/ready}. */
    static boolean ready(String baseUrl) {
        try {
            HttpResponse<Void> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean portTaken(String baseUrl) {
        URI uri = URI.create(baseUrl);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs {@code deploy/local/stack.sh <command>} of the checkout and fails with its output's tail. */
    static void run(Path root, String command, Duration timeout) {
        Path script = root.resolve("deploy/local/stack.sh");
        Path log = root.resolve("e2e-tests/target/stack-" + command + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder("bash", script.toString(), command)
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("stack.sh " + command + " did not finish in " + timeout + "; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("stack.sh " + command + " exited " + process.exitValue() + ":\n" + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running stack.sh " + command, e);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream().collect(Collectors.joining("\n"));
    }
}
