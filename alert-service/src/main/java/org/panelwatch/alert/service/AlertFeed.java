package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.repository.AlertRepository;

/** A caller's alerts in creation order; alert ids only grow, so "after id" is an exact resume point. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class AlertFeed {

    private final AlertRepository alerts;

    public AlertFeed(AlertRepository alerts) {
        this.alerts = alerts;
    }

    public List<Alert> after(Caller caller, long afterId, Instant since, int limit) {
        return alerts.list(caller.subscriberId(), afterId, since, limit);
    }
}
