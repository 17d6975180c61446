package org.panelwatch.alert.rest;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.UUID;
import org.panelwatch.alert.service.Caller;
import org.panelwatch.common.security.Roles;

/** The caller of a request: an admin, or the subscriber whose key it is (principal name = subscriber id). */
final class Callers {

    private Callers() {
    }

    static Caller of(SecurityIdentity identity) {
        if (identity.hasRole(Roles.ADMIN)) {
            return Caller.admin();
        }
        return new Caller(UUID.fromString(identity.getPrincipal().getName()));
    }
}
