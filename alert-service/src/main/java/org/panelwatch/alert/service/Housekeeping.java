package org.panelwatch.alert.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;
import org.panelwatch.alert.config.AlertConfig;
import org.panelwatch.alert.repository.AlertRepository;

/** Keeps the idempotency record from growing without bound. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final AlertRepository alerts;
    private final AlertConfig config;

    public Housekeeping(AlertRepository alerts, AlertConfig config) {
        this.alerts = alerts;
        this.config = config;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldSignals() {
        int removed = alerts.forgetProcessedSignalsBefore(Instant.now().minus(config.processedSignalRetention()));
        if (removed > 0) {
            LOG.infof("forgot %d processed signal ids older than %s", removed, config.processedSignalRetention());
        }
    }
}
