package org.panelwatch.alert.service;

import java.util.concurrent.CompletionStage;
import org.panelwatch.alert.repository.Alert;

/**
 * The far end of one live alert stream as {@link AlertStreams} sees it; the REST layer adapts a Server-Sent
 * Events connection to it. Sends never block: each answers a stage that completes when the bytes have left.
 */
public interface StreamClient {

    /** The stream's first words (reconnect delay, "connected"), before any alert. */
    CompletionStage<?> sendGreeting();

    CompletionStage<?> sendAlert(Alert alert);

    /** Something harmless after a silence, so idle proxies keep the connection and a dead peer shows. */
    CompletionStage<?> sendKeepAlive();

    /** Whether the connection is closed, by the client or by us. */
    boolean isGone();

    /** Runs {@code whenGone} as soon as the connection closes, from either side. */
    void onGone(Runnable whenGone);

    void close();
}
