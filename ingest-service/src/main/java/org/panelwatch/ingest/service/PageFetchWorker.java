package org.panelwatch.ingest.service;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.repository.PageFetchRepository;
import org.panelwatch.ingest.repository.PageFetchRepository.ClaimedPage;

/**
 * The workers of the page queue: a scheduler tick claims as many due rows as there are free
 * threads (with a lease, so other instances skip them) and fetches each on its own thread.
 */
@ApplicationScoped
public class PageFetchWorker {

    private static final Logger LOG = Logger.getLogger(PageFetchWorker.class);

    private final PageFetchRepository repository;
    private final PageFetchService service;
    private final IngestConfig.Pages config;
    private final ExecutorService pool;
    private final AtomicInteger busy = new AtomicInteger();
    /** Names this instance in {@code leased_by}, so an operator sees who holds a row. */
    private final String name = ManagementFactory.getRuntimeMXBean().getName();

    public PageFetchWorker(PageFetchRepository repository, PageFetchService service, IngestConfig config) {
        this.repository = repository;
        this.service = service;
        this.config = config.pages();
        AtomicInteger number = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(this.config.threads(), runnable -> {
            Thread thread = new Thread(runnable, "page-fetch-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(every = "${panelwatch.ingest.pages.tick:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "page-fetch-worker")
    public void tick() {
        int free = config.threads() - busy.get();
        if (free <= 0) {
            return;
        }
        List<ClaimedPage> claimed;
        try {
            claimed = repository.claim(free, config.lease(), name);
        } catch (RuntimeException e) {
            LOG.warnf("Could not claim pages (the database?): %s", e.getMessage());
            return;
        }
        for (ClaimedPage page : claimed) {
            busy.incrementAndGet();
            pool.execute(() -> processOne(page));
        }
    }

    private void processOne(ClaimedPage page) {
        try {
            service.process(page);
        } catch (RuntimeException e) {
            // The row stays leased and is taken over when the lease runs out; the claim counts the try.
            LOG.errorf(e, "Page item %s (%s) failed unexpectedly", page.id(), page.url());
        } finally {
            busy.decrementAndGet();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
