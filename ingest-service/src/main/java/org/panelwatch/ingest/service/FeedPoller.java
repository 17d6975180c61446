package org.panelwatch.ingest.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.repository.FeedRepository;

/**
 * Polls every feed on its own schedule. A scheduler tick claims the feeds that are due (as many
 * as there are free poll threads) and hands each to a small pool, so a slow or hanging feed holds
 * one thread until its fetch deadline and never delays the others.
 */
@ApplicationScoped
public class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);

    private final FeedRepository feeds;
    private final FeedService service;
    private final int threads;
    /** A claimed feed is not due again for this long, unless its poll records another time first. */
    private final Duration lease;
    private final ExecutorService pool;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    public FeedPoller(FeedRepository feeds, FeedService service, IngestConfig config) {
        this.feeds = feeds;
        this.service = service;
        this.threads = config.feeds().pollThreads();
        this.lease = config.feeds().fetchTimeout().multipliedBy(3).plusSeconds(60);
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "feed-poller-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(every = "${panelwatch.ingest.feeds.tick:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "feed-poller")
    public void tick() {
        int free = threads - inFlight.size();
        if (free <= 0) {
            return;
        }
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> feeds.claimDue(free, lease));
        for (UUID id : due) {
            if (inFlight.add(id)) {
                pool.execute(() -> pollOne(id));
            }
        }
    }

    private void pollOne(UUID id) {
        try {
            PollOutcome outcome = service.poll(id);
            if (outcome.status() == PollOutcome.Status.ERROR) {
                LOG.warnf("Feed %s failed: %s", id, outcome.error());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Feed %s could not be polled: %s", id, e.getMessage());
        } finally {
            inFlight.remove(id);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
