package org.panelwatch.alert.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.panelwatch.alert.repository.Delivery;
import org.panelwatch.alert.repository.DeliveryRepository;
import org.panelwatch.common.problem.Problem.FieldError;
import org.panelwatch.common.problem.ProblemException;

/** Reading deliveries: a subscriber sees only its own; another's subscription id is "not found". */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DeliveryService {

    private final DeliveryRepository deliveries;
    private final SubscriptionService subscriptions;

    public DeliveryService(DeliveryRepository deliveries, SubscriptionService subscriptions) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
    }

    public List<Delivery> list(Caller caller, UUID subscriptionId, String status, int limit) {
        if (status != null && !Delivery.STATUSES.contains(status)) {
            throw ProblemException.validation(List.of(new FieldError(null, "status", "must be one of " + Delivery.STATUSES)));
        }
        if (limit < 1 || limit > 500) {
            throw ProblemException.validation(List.of(new FieldError(null, "limit", "must be between 1 and 500")));
        }
        if (subscriptionId != null) {
            subscriptions.get(caller, subscriptionId);
        }
        return deliveries.list(caller.subscriberId(), subscriptionId, status, limit);
    }
}
