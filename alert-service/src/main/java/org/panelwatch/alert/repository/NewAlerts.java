package org.panelwatch.alert.repository;

import java.util.List;

/**
 * One look for new alerts: those found (oldest first) and how far the look reached. Every alert up to
 * {@code seenUpTo} that the look was asked for is in {@code alerts}; the next look continues after it.
 */
public record NewAlerts(List<Alert> alerts, long seenUpTo) {
}
