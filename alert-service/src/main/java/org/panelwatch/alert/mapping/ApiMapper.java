package org.panelwatch.alert.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import org.panelwatch.alert.repository.Alert;
import org.panelwatch.alert.repository.Delivery;
import org.panelwatch.alert.repository.Subscription;
import org.panelwatch.alert.repository.SubscriptionFilter;
import org.panelwatch.alert.rest.ApiObjects.AlertView;
import org.panelwatch.alert.rest.ApiObjects.AttemptView;
import org.panelwatch.alert.rest.ApiObjects.Channel;
import org.panelwatch.alert.rest.ApiObjects.DeliveryView;
import org.panelwatch.alert.rest.ApiObjects.Filter;
import org.panelwatch.alert.rest.ApiObjects.SubscriptionRequest;
import org.panelwatch.alert.rest.ApiObjects.SubscriptionView;
import org.panelwatch.alert.service.SubscriptionDraft;

/** Stored rows to API objects and requests to drafts; nothing else. */
@ApplicationScoped
public class ApiMapper {

    private final AlertMessages messages;

    public ApiMapper(AlertMessages messages) {
        this.messages = messages;
    }

    public SubscriptionDraft draft(SubscriptionRequest r) {
        var c = r.channel();
        var f = r.filter();
        return new SubscriptionDraft(r.name(), c == null ? null : c.type(), c == null ? null : c.url(),
                c == null ? null : c.address(), f == null ? null : f.signalTypes(), f == null ? null : f.topics(),
                f == null ? null : f.minScore(), f == null ? null : f.keywords(), f == null ? null : f.languages(),
                r.mode(), r.active(), r.subscriberId());
    }

    public SubscriptionView view(Subscription s, boolean withSecret) {
        Channel channel = Subscription.WEBHOOK.equals(s.channelType())
                ? new Channel(s.channelType(), s.channelTarget(), null)
                : new Channel(s.channelType(), null, s.channelTarget());
        SubscriptionFilter f = s.filter();
        return new SubscriptionView(s.id(), s.subscriberId(), s.name(), channel,
                new Filter(f.signalTypes(), f.topics(), f.minScore() == null ? 0.0 : f.minScore(), f.keywords(), f.languages()),
                s.mode(), s.active(), s.disabledReason(), s.failingSince(), s.digestDueAt(), s.createdAt(), s.updatedAt(),
                withSecret ? s.secret() : null);
    }

    public DeliveryView view(Delivery d) {
        return new DeliveryView(d.id(), d.subscriptionId(), d.alertId(), d.kind(), d.status(), d.attemptCount(),
                Delivery.PENDING.equals(d.status()) ? d.nextAttemptAt() : null, d.lastStatusCode(), d.lastError(),
                d.createdAt(), d.finishedAt(),
                d.attempts().stream().map(a -> new AttemptView(a.attemptedAt(), a.statusCode(), a.error(), a.durationMs())).toList());
    }

    public AlertView view(Alert a) {
        String story = a.storyKey().startsWith("item:") ? null : a.storyKey();
        return new AlertView(a.id(), a.subscriptionId(), a.signalId(), story, a.createdAt(), messages.read(a.payload()));
    }
}
