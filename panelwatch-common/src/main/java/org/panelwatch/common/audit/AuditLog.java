package org.panelwatch.common.audit;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Writes every admin action to the {@code audit_event} table of the service's own schema (each service's
 * migrations create it; {@code V…__audit_event.sql}). An operator asks "who deleted this subscriber, and
 * when" with SQL, the same way in every service. Called inside the action's transaction, the row is
 * committed with the action or not at all, so the log never claims what did not happen.
 *
 * <p>The actor is the caller's principal: {@code admin}, {@code ingest}, or a subscriber's id; actions
 * taken by the service itself (the catalogue loaded at start) are {@code system}. Keys and secrets are
 * never written here, only which object they belong to.
 */
@ApplicationScoped
public class AuditLog {

    public static final String SYSTEM = "system";

    private static final Logger LOG = Logger.getLogger("panelwatch.audit");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Instance<DataSource> dataSource;
    private final Instance<CurrentIdentityAssociation> identities;
    private final String table;

    public AuditLog(Instance<DataSource> dataSource, Instance<CurrentIdentityAssociation> identities,
            @ConfigProperty(name = "quarkus.flyway.default-schema") String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("unusable schema name for the audit log: " + schema);
        }
        this.dataSource = dataSource;
        this.identities = identities;
        this.table = schema + ".audit_event";
    }

    /**
     * Records one action. {@code action} is a dotted verb in the domain's words ({@code subscriber.deleted}),
     * {@code target} the id of what it changed, {@code detail} a short JSON object or null.
     */
    public void record(String action, String target, String detail) {
        String actor = actor();
        String sql = "INSERT INTO " + table + " (actor, action, target, detail) VALUES (?, ?, ?, ?::jsonb)";
        try (Connection c = dataSource.get().getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, actor);
            st.setString(2, action);
            st.setString(3, target);
            st.setString(4, detail);
            st.executeUpdate();
        } catch (SQLException e) {
            // The action's own transaction fails with it: an admin action that cannot be audited is not taken.
            throw new IllegalStateException("could not write the audit log", e);
        }
        LOG.infof("audit: %s %s %s", actor, action, target);
    }

    private String actor() {
        try {
            if (identities.isResolvable()) {
                SecurityIdentity identity = identities.get().getIdentity();
                if (identity != null && !identity.isAnonymous()) {
                    return identity.getPrincipal().getName();
                }
            }
        } catch (ContextNotActiveException | IllegalStateException outsideARequest) {
            // A scheduled job or the start-up: the service acts by itself.
        }
        return SYSTEM;
    }
}
