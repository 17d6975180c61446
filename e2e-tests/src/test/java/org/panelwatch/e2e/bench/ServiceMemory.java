package org.panelwatch.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory (VmRSS) of the processes the stack started, found by the pid files {@code
 * stack.sh} keeps; a background sampler keeps each one's peak while the load runs.
 */
final class ServiceMemory implements AutoCloseable {

    static final List<String> PROCESSES = List.of("ingest-service", "analysis-service", "alert-service", "console", "kafka");

    private final Path pids;
    private final Map<String, Long> peakMb = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    ServiceMemory(Path stateDir) {
        this.pids = stateDir.resolve("pids");
    }

    /** Resident megabytes of each process now (absent when it does not run). */
    Map<String, Long> now() {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String name : PROCESSES) {
            long mb = rssMb(name);
            if (mb >= 0) {
                rss.put(name, mb);
            }
        }
        return rss;
    }

    void startSampling() {
        sampler.scheduleAtFixedRate(() -> now().forEach((name, mb) -> peakMb.merge(name, mb, Math::max)),
                0, 500, TimeUnit.MILLISECONDS);
    }

    Map<String, Long> peak() {
        return Map.copyOf(peakMb);
    }

    private long rssMb(String name) {
        try {
            String pid = Files.readString(pids.resolve(name + ".pid")).trim();
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not started by this stack, or gone
        }
        return -1;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
