package org.panelwatch.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Faults done to the running local stack, by the pids that {@code stack.sh} keeps in its state
 * folder: a process killed without warning, and {@code stack.sh up} bringing back what is missing.
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

    /** {@code stack.sh up}: starts what is not running and waits until every service is ready. */
    public void restartMissing() {
        RunningStack.run(stack.root(), "up", Duration.ofMinutes(5));
    }

    private long pid(String name) {
        Path file = stack.state().resolve("pids").resolve(name + ".pid");
        try {
            return Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException("no pid file " + file + ": was the stack started by stack.sh?", e);
        }
    }
}
