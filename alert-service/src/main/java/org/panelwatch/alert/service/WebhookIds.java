package org.panelwatch.alert.service;

import java.util.UUID;

/** Standard Webhooks message ids ({@code webhook-id}): a prefix and a unique value, kept for every retry. */
public final class WebhookIds {

    private WebhookIds() {
    }

    public static String next() {
        return "msg_" + UUID.randomUUID().toString().replace("-", "");
    }
}
