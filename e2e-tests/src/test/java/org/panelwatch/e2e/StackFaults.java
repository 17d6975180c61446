package org.panelwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Faults done to the running local stack, by the pids that {@code stack.sh} keeps in its state
 * folder: a process killed without warning or stopped, {@code stack.sh up} bringing back what is
 * missing, and the stack's PostgreSQL cluster stopped and started with {@code pg_ctlcluster}.
 */
public final class StackFaults {

    private final RunningStack.Stack stack;

    public StackFaults(RunningStack.Stack stack) {
        this.stack = stack;
    }

    /** {@code kill -9} of a process the stack started (e.g. "analysis-service"), waiting until it is gone. */
    public long kill9(String name) {
        long pid = pid(name);
        ProcessHandle process = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException(name + " (pid " + pid + ") does not run"));
        process.destroyForcibly();
        Await.until(name + " (pid " + pid + ") to die", Duration.ofSeconds(30),
                () -> process.isAlive() ? Optional.empty() : Optional.of(true));
        return pid;
    }

    /**
     * Stops every Kafka broker of the stack ({@code kafka}, and {@code kafka-2}, {@code kafka-3} when it runs
     * three), all at once as a lost cluster would be: with one broker of three stopped the other two keep
     * the topics writable, which is the scaled test's fault, not this one.
     */
    public List<Long> stopKafka() {
        List<String> brokers = new ArrayList<>(List.of("kafka"));
        for (int i = 2; Files.exists(stack.state().resolve("pids").resolve("kafka-" + i + ".pid")); i++) {
            brokers.add("kafka-" + i);
        }
        return stop(brokers);
    }

    /**
     * Stops processes the stack started as an operator would: SIGTERM to all of them at once, then kill -9
     * to any still running after a minute. Answers their pids.
     */
    public List<Long> stop(List<String> names) {
        List<ProcessHandle> processes = names.stream().map(name -> ProcessHandle.of(pid(name)).orElseThrow(
                () -> new IllegalStateException(name + " does not run"))).toList();
        processes.forEach(ProcessHandle::destroy);
        for (int i = 0; i < names.size(); i++) {
            ProcessHandle process = processes.get(i);
            try {
                Await.until(names.get(i) + " (pid " + process.pid() + ") to stop", Duration.ofSeconds(60),
                        () -> process.isAlive() ? Optional.empty() : Optional.of(true));
            } catch (AssertionError slow) {
                kill9(names.get(i));
            }
        }
        return processes.stream().map(ProcessHandle::pid).toList();
    }

    /**
     * {@code stack.sh up}: starts what is not running and waits until every service is ready. Up to 10
     * minutes: on a machine at load average 40 bringing one broker back took more than 5 (2026-12-07).
     */
    public void restartMissing() {
        RunningStack.run(stack.root(), "up", Duration.ofMinutes(10));
    }

    /**
     * Stops the PostgreSQL cluster the stack uses ({@code pg_ctlcluster ... stop -m fast}): the one that
     * {@code pg_lsclusters} shows on port {@code -Dpanelwatch.fault.pg-port}, else {@code $PGPORT}, else
     * 5432. Needs the rights to run {@code pg_ctlcluster} (root or the cluster's owner).
     */
    public String stopDatabase() {
        String cluster = databaseCluster();
        pgCtlCluster(cluster, "stop", "-m", "fast");
        return cluster;
    }

    /** Starts the cluster {@link #stopDatabase} stopped. */
    public void startDatabase() {
        pgCtlCluster(databaseCluster(), "start");
    }

    /** "15 main": version and name of the cluster on the stack's database port. */
    public String databaseCluster() {
        String port = System.getProperty("panelwatch.fault.pg-port", System.getenv().getOrDefault("PGPORT", "5432"));
        return command(List.of("pg_lsclusters", "-h")).lines()
                .map(line -> line.trim().split("\\s+"))
                .filter(columns -> columns.length > 2 && columns[2].equals(port))
                .map(columns -> columns[0] + " " + columns[1])
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster on port " + port + " in pg_lsclusters"));
    }

    private static void pgCtlCluster(String cluster, String... action) {
        List<String> command = new ArrayList<>(List.of("pg_ctlcluster", "--skip-systemctl-redirect"));
        command.addAll(List.of(cluster.split(" ")));
        command.addAll(List.of(action));
        command(command);
    }

    private static String command(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The pid of a process the stack started, from its pid file. */
    public long pid(String name) {
        Path file = stack.state().resolve("pids").resolve(name + ".pid");
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file " + file + ": was the stack started by stack.sh?", e);
        }
    }
}
