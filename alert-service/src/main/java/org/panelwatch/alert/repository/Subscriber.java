package org.panelwatch.alert.repository;

import java.time.Instant;
import java.util.UUID;

/** Someone who receives alerts; their API key exists only as its SHA-256 hash. */
public record Subscriber(UUID id, String name, String email, Instant createdAt) {
}
