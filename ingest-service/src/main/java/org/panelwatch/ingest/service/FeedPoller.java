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
import org.panelwatch.ingest.config.InstanceName;
import org.panelwatch.ingest.repository.FeedRepository;

/**
 * Polls every feed on its own schedule. A scheduler tick renews the leases of the polls still running
 * here, then leases the feeds that are due (as many as there are free poll threads) to this instance
 * and hands each to a small pool, so a slow or hanging feed holds one thread until its fetch deadline
 * and never delays the others. With several instances on one database each feed is polled by one at
 * a time, and the feeds of an instance that died are taken over once their leases run out.
 */
@ApplicationScoped
public class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);

    private final FeedRepository feeds;
    private final FeedService service;
    private final String instance;
    private final int threads;
    private final Duration lease;
    private final ExecutorService pool;
    private final Set<UUID> inFlight = ConcurrentHashMap.newKeySet();

    public FeedPoller(FeedRepository feeds, FeedService service, InstanceName instance, IngestConfig config) {
        this.feeds = feeds;
        this.service = service;
        this.instance = instance.value();
        this.threads = config.feeds().pollThreads();
        this.lease = config.feeds().lease();
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
        List<UUID> running = List.copyOf(inFlight);
        QuarkusTransaction.requiringNew().run(() -> feeds.renew(instance, running, lease));
        int free = threads - inFlight.size();
        if (free <= 0) {
            return;
        }
        List<UUID> due = QuarkusTransaction.requiringNew().call(() -> feeds.claimDue(instance, free, lease));
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
