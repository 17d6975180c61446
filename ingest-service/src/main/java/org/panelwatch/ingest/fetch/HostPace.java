package org.panelwatch.ingest.fetch;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.panelwatch.ingest.repository.PageHostRepository;

/**
 * At most one request per host per interval, across every ingest instance: a request takes its
 * host's slot in the database, waiting for it while the wait is short, and otherwise gives the page
 * back to the queue ({@link HostBusyException}) instead of holding a worker thread.
 */
@ApplicationScoped
public class HostPace {

    private final PageHostRepository hosts;

    public HostPace(PageHostRepository hosts) {
        this.hosts = hosts;
    }

    /** The unit of politeness: host name, and the port when it is not the scheme's default. */
    public static String hostKey(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        int port = url.getPort();
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return defaultPort ? host : host + ":" + port;
    }

    /**
     * Returns once the request to {@code url} may be sent. Waits at most {@code patience}, and never
     * past the fetch deadline; beyond that the host is busy.
     */
    public void awaitTurn(URI url, Duration interval, Duration patience, long deadlineNanos) throws HostBusyException {
        String host = hostKey(url);
        long patienceEnd = Math.min(System.nanoTime() + patience.toNanos(), deadlineNanos);
        while (true) {
            Optional<Instant> busyUntil = hosts.reserve(host, interval);
            if (busyUntil.isEmpty()) {
                return;
            }
            long waitNanos = Math.max(1_000_000L, Duration.between(Instant.now(), busyUntil.get()).toNanos());
            if (System.nanoTime() + waitNanos - patienceEnd > 0) {
                throw new HostBusyException(host, busyUntil.get());
            }
            try {
                Thread.sleep(waitNanos / 1_000_000L, (int) (waitNanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostBusyException(host, busyUntil.get());
            }
        }
    }
}
