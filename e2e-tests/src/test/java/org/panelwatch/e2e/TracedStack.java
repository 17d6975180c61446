package org.panelwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A second local stack of its own ({@code deploy/local/stack.sh} on free ports, its own Kafka, state
 * folder and database) whose services export their spans to a collector: the shared stack the other
 * tests use runs with tracing off, as an operator's does by default.
 */
final class TracedStack implements AutoCloseable {

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(12);

    private final Path root;
    private final Map<String, String> env = new HashMap<>();
    private final RunningStack.Stack stack;

    TracedStack(String otlpEndpoint) {
        root = Path.of(System.getProperty("panelwatch.root", "..")).toAbsolutePath().normalize();
        Path state = root.resolve("e2e-tests/target/traced-stack");
        String database = System.getenv().getOrDefault("PANELWATCH_DB", "panelwatch") + "_traced";
        recreateDatabase(database);
        int[] ports = freePorts(6);
        env.put("PANELWATCH_STATE_DIR", state.toString());
        env.put("PANELWATCH_DB", database);
        env.put("PANELWATCH_KAFKA_PORT", Integer.toString(ports[0]));
        env.put("PANELWATCH_KAFKA_CONTROLLER_PORT", Integer.toString(ports[1]));
        env.put("PANELWATCH_INGEST_PORT", Integer.toString(ports[2]));
        env.put("PANELWATCH_ANALYSIS_PORT", Integer.toString(ports[3]));
        env.put("PANELWATCH_ALERT_PORT", Integer.toString(ports[4]));
        env.put("PANELWATCH_CONSOLE_PORT", Integer.toString(ports[5]));
        env.put("PANELWATCH_OTLP_ENDPOINT", otlpEndpoint);
        // Spans are exported within a second, not the SDK's default five.
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
        if (Files.isDirectory(state)) {
            // What a run before left (its Kafka log above all) must not feed this one's fresh database.
            run("down", Duration.ofMinutes(2));
            deleteTree(state);
        }
        run("up", UP_TIMEOUT);
        Properties keys = new Properties();
        try {
            keys.load(Files.newBufferedReader(state.resolve("keys.env"), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stack = new RunningStack.Stack("http://127.0.0.1:" + ports[2], "http://127.0.0.1:" + ports[3],
                "http://127.0.0.1:" + ports[4], "http://127.0.0.1:" + ports[5],
                keys.getProperty("PANELWATCH_ADMIN_KEY").trim(),
                keys.getProperty("PANELWATCH_INGEST_KEY").trim(), keys.getProperty("PANELWATCH_READER_KEY").trim(),
                root, state, false);
    }

    RunningStack.Stack stack() {
        return stack;
    }

    @Override
    public void close() {
        run("down", Duration.ofMinutes(2));
    }

    private void run(String command, Duration timeout) {
        Path log = root.resolve("e2e-tests/target/traced-stack-" + command + ".log");
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("deploy/local/stack.sh").toString(), command)
                    .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            // The stack's own keys: never the shared stack's from the environment.
            builder.environment().keySet().removeAll(List.of("PANELWATCH_ADMIN_KEY", "PANELWATCH_INGEST_KEY", "PANELWATCH_READER_KEY"));
            // One broker and one instance of each service: the shape this test needs, whatever the shell asks.
            builder.environment().keySet().removeAll(List.of("PANELWATCH_KAFKA_BROKERS", "PANELWATCH_INGEST_INSTANCES",
                    "PANELWATCH_ANALYSIS_INSTANCES", "PANELWATCH_ALERT_INSTANCES", "PANELWATCH_CONSOLE_URL"));
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("stack.sh " + command + " did not finish in " + timeout + "; see " + log);
            }
            if (process.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                throw new IllegalStateException("stack.sh " + command + " exited " + process.exitValue() + ":\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running stack.sh " + command, e);
        }
    }

    /** A fresh database each run: schemas left by another checkout's migrations must not decide the result. */
    private static void recreateDatabase(String name) {
        String host = System.getenv().getOrDefault("PGHOST", "localhost");
        String port = System.getenv().getOrDefault("PGPORT", "5432");
        String user = System.getenv().getOrDefault("PGUSER", "postgres");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user,
                System.getenv().getOrDefault("PGPASSWORD", "")); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the traced stack's database " + name, e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] freePorts(int n) {
        int[] ports = new int[n];
        List<ServerSocket> held = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            for (ServerSocket socket : held) {
                socket.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }
}
