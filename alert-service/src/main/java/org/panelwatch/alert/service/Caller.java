package org.panelwatch.alert.service;

import java.util.UUID;

/** Who is asking: an admin (sees everything) or one subscriber (sees only its own). */
public record Caller(UUID subscriberId) {

    public static Caller admin() {
        return new Caller(null);
    }

    public boolean isAdmin() {
        return subscriberId == null;
    }

    /** Whether an object owned by {@code ownerId} is visible to this caller. */
    public boolean owns(UUID ownerId) {
        return isAdmin() || subscriberId.equals(ownerId);
    }
}
