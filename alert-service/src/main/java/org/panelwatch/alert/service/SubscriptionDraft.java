package org.panelwatch.alert.service;

import java.util.List;
import java.util.UUID;

/** A subscription as a client asks for it, its fields already checked against the request's constraints. */
public record SubscriptionDraft(String name, String channelType, String url, String address, List<String> signalTypes,
        List<String> topics, Double minScore, List<String> keywords, List<String> languages, String mode, Boolean active,
        UUID subscriberId) {
}
