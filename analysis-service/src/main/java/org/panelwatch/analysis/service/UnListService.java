package org.panelwatch.analysis.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.panelwatch.analysis.api.UnListRefresh;
import org.panelwatch.analysis.config.CurrentEngine;
import org.panelwatch.analysis.config.TaggingEngineProducer;
import org.panelwatch.analysis.config.UnListConfig;
import org.panelwatch.analysis.engine.TaggingEngine;
import org.panelwatch.analysis.repository.StoredUnList;
import org.panelwatch.common.outbound.AddressPolicy;
import org.panelwatch.common.outbound.DestinationGuard;
import org.panelwatch.common.outbound.GuardedHttpClient;
import org.panelwatch.common.outbound.HostResolver;
import org.panelwatch.common.outbound.OutboundRequest;
import org.panelwatch.common.outbound.OutboundResponse;

/**
 * Keeps the UN 1718 list current: asks the UN's published consolidated list on a schedule (conditional
 * GET with the last ETag and Last-Modified), through the common outbound address guard; a list that
 * passes {@link UnListCheck} is stored, a new engine is built with it and replaces the running one, and
 * the stored items are retagged. A list that is empty, truncated, not of the UN's structure, or an
 * error answer never replaces the list in use. At start the last good list stored is restored.
 */
@ApplicationScoped
public class UnListService {

    private static final Logger LOG = Logger.getLogger(UnListService.class);

    private final UnListConfig config;
    private final CurrentEngine engine;
    private final RetagService retag;
    private final ManagedExecutor executor;
    private final Optional<Path> catalogue;
    private final Optional<List<Path>> gazetteers;
    private final DestinationGuard guard;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicReference<UnListRefresh> last = new AtomicReference<>();

    public UnListService(UnListConfig config, CurrentEngine engine, RetagService retag, ManagedExecutor executor,
            @ConfigProperty(name = "panelwatch.catalogue.path") Optional<Path> catalogue,
            @ConfigProperty(name = "panelwatch.gazetteers.extra") Optional<List<Path>> gazetteers) {
        this.config = config;
        this.engine = engine;
        this.retag = retag;
        this.executor = executor;
        this.catalogue = catalogue;
        this.gazetteers = gazetteers;
        this.guard = new DestinationGuard(AddressPolicy.of(config.allowPrivateAddresses()), HostResolver.SYSTEM::resolve);
    }

    /** The last refresh's outcome; null before the first. */
    public UnListRefresh lastRefresh() {
        return last.get();
    }

    void restoreAtStart(@Observes StartupEvent start) {
        if (!config.enabled()) {
            return;
        }
        // Building an engine takes seconds: the service starts on the list it was built with meanwhile.
        executor.runAsync(this::adoptStoredList);
    }

    /**
     * Another instance may have stored a newer list (only one of them fetches it first): each instance
     * takes the stored list up within this period, so all of them tag with it and any of them can work
     * on the retag that list queued.
     */
    @Scheduled(every = "${panelwatch.un-list.refresh.adopt-every}", delayed = "90s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RefreshDisabled.class)
    void scheduledAdopt() {
        adoptStoredList();
    }

    /** Replaces the engine's list with the stored one when they differ; true when it did. */
    public boolean adoptStoredList() {
        running.lock();
        try {
            StoredUnList stored = QuarkusTransaction.requiringNew().call(() -> StoredUnList.findById(StoredUnList.ID));
            if (stored != null && !stored.dateGenerated.equals(engine.unList().dateGenerated())) {
                apply(stored.content, stored.sourceUrl, stored.fetchedAt);
                LOG.infof("UN list of %s taken from the database", stored.dateGenerated);
                return true;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "The stored UN list could not be taken up; the service tags with the list of %s",
                    engine.unList().dateGenerated());
        } finally {
            running.unlock();
        }
        return false;
    }

    @Scheduled(every = "${panelwatch.un-list.refresh.every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = RefreshDisabled.class)
    void scheduled() {
        refresh();
    }

    /** Asks the UN for the list now; one refresh at a time (a second caller waits for the first). */
    public UnListRefresh refresh() {
        running.lock();
        try {
            UnListRefresh outcome = fetchAndApply();
            last.set(outcome);
            switch (outcome.outcome()) {
                case "replaced" -> LOG.infof("UN list replaced: generated %s", outcome.dateGenerated());
                case "not-modified" -> LOG.debugf("UN list unchanged (%s)", outcome.dateGenerated());
                default -> LOG.warnf("UN list %s: %s; still tagging with the list of %s", outcome.outcome(),
                        outcome.reason(), engine.unList().dateGenerated());
            }
            return outcome;
        } finally {
            running.unlock();
        }
    }

    private UnListRefresh fetchAndApply() {
        Instant now = Instant.now();
        String current = engine.unList().dateGenerated();
        String url = config.url().toString();
        DestinationGuard.Check check = guard.check(url);
        if (check.refused()) {
            return new UnListRefresh("failed", "the list's address is not allowed: " + check.reason(), current, now);
        }
        StoredUnList stored = QuarkusTransaction.requiringNew().call(() -> StoredUnList.findById(StoredUnList.ID));
        OutboundRequest request = OutboundRequest.get(config.url(), config.timeout(), config.maxBytes())
                .withHeader("Accept", "application/xml, text/xml");
        if (stored != null && url.equals(stored.sourceUrl) && java.util.Objects.equals(current, stored.dateGenerated)) {
            if (stored.etag != null) {
                request = request.withHeader("If-None-Match", stored.etag);
            }
            if (stored.lastModified != null) {
                request = request.withHeader("If-Modified-Since", stored.lastModified);
            }
        }
        OutboundResponse response;
        try (GuardedHttpClient client = new GuardedHttpClient(guard,
                new GuardedHttpClient.Settings(config.timeout(), 1))) {
            response = client.send(request).get(config.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return new UnListRefresh("failed", "no answer: " + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    current, now);
        } catch (TimeoutException e) {
            return new UnListRefresh("failed", "no answer within " + config.timeout(), current, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UnListRefresh("failed", "interrupted", current, now);
        }
        if (response.status() == 304) {
            return new UnListRefresh("not-modified", null, current, now);
        }
        if (response.status() != 200) {
            return new UnListRefresh("failed", "HTTP " + response.status(), current, now);
        }
        CurrentEngine.UnListInfo info = engine.unList();
        UnListCheck.Verdict verdict = UnListCheck.check(response.body(), info.individuals() + info.entities(),
                config.minShare());
        if (!verdict.accepted()) {
            return new UnListRefresh("refused", verdict.refusal(), current, now);
        }
        String etag = response.header("ETag").orElse(null);
        String lastModified = response.header("Last-Modified").orElse(null);
        if (java.util.Objects.equals(current, verdict.list().dateGenerated())) {
            QuarkusTransaction.requiringNew().run(() -> remember(response.body(), verdict, url, etag, lastModified, now));
            return new UnListRefresh("not-modified", null, current, now);
        }
        try {
            apply(response.body(), url, now);
        } catch (RuntimeException e) {
            return new UnListRefresh("refused", "the engine could not be built with it: " + e.getMessage(), current, now);
        }
        QuarkusTransaction.requiringNew().run(() -> remember(response.body(), verdict, url, etag, lastModified, now));
        if (config.retag()) {
            try {
                retag.startForUnList(verdict.list().dateGenerated());
            } catch (RuntimeException e) {
                LOG.warnf("Retag after the new UN list not queued: %s", e.getMessage());
            }
        }
        return new UnListRefresh("replaced", null, verdict.list().dateGenerated(), now);
    }

    private void apply(byte[] xml, String source, Instant fetchedAt) {
        Path file = null;
        try {
            file = Files.createTempFile("un-list-", ".xml");
            Files.write(file, xml);
            TaggingEngine built = TaggingEngineProducer.build(catalogue, Optional.of(file), gazetteers);
            engine.replace(built, TaggingEngineProducer.describe(file, source, fetchedAt));
        } catch (IOException e) {
            throw new IllegalStateException("the list could not be written to a temporary file", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.debugf("temporary file %s left behind", file);
                }
            }
        }
    }

    private static void remember(byte[] xml, UnListCheck.Verdict verdict, String url, String etag, String lastModified,
            Instant now) {
        StoredUnList row = StoredUnList.findById(StoredUnList.ID);
        if (row == null) {
            row = new StoredUnList();
        }
        row.dateGenerated = verdict.list().dateGenerated();
        row.content = xml;
        row.individuals = verdict.list().individuals().size();
        row.entities = verdict.list().entities().size();
        row.sourceUrl = url;
        row.etag = etag;
        row.lastModified = lastModified;
        row.fetchedAt = now;
        row.persist();
    }

    /** Skips the scheduled refresh when it is turned off. */
    @jakarta.inject.Singleton
    public static class RefreshDisabled implements Scheduled.SkipPredicate {
        private final UnListConfig config;

        public RefreshDisabled(UnListConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(io.quarkus.scheduler.ScheduledExecution execution) {
            return !config.enabled();
        }
    }
}
