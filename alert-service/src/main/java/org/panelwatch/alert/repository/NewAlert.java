package org.panelwatch.alert.repository;

import java.util.UUID;

/** An alert about to be recorded; the database gives it its id and may refuse it as a second one for the story. */
public record NewAlert(UUID subscriptionId, UUID subscriberId, String signalId, String storyKey, String payload) {
}
