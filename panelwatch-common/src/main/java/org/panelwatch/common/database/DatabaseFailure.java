package org.panelwatch.common.database;

import java.sql.SQLException;

/**
 * What a failure says about the database, read from the first SQLSTATE in its cause chain
 * (PostgreSQL manual, appendix A). The one view every service takes: the REST mappers answer a
 * transient failure with 503 and Retry-After, the Kafka consumers wait it out ({@code DatabaseWait}),
 * and the analysis consumer sends a record whose data the database refuses to the dead-letter topic.
 */
public enum DatabaseFailure {

    /** The database cannot be reached: connection exceptions (08), a server shutting down or starting (57P01-57P03), no pooled connection to be had. */
    UNREACHABLE(true),
    /** The server lacks resources for now (53: disk full, out of memory, too many connections). */
    OUT_OF_RESOURCES(true),
    /** The transaction lost a race (40001 serialization failure, 40P01 deadlock): the same work succeeds when run again. */
    LOST_RACE(true),
    /** The data is at fault (22 data exception, 23 integrity violation, 54 program limit such as a text too long to index): running it again fails again. */
    REFUSED_DATA(false),
    /** Any other SQLSTATE (42 a missing table or a syntax error, XX an internal error): a bug or a wrong schema. */
    OTHER(false),
    /** No SQLSTATE anywhere in the chain: the failure did not come from the database. */
    NOT_DATABASE(false);

    private final boolean isTransient;

    DatabaseFailure(boolean isTransient) {
        this.isTransient = isTransient;
    }

    /** Whether the same work, tried again a little later, can succeed. */
    public boolean isTransient() {
        return isTransient;
    }

    public static DatabaseFailure of(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                return ofState(sql.getSQLState());
            }
            // Agroal's pool gives up waiting for a connection: every connection is taken or none can be opened.
            if (c.getClass().getName().contains("AcquisitionTimeout")) {
                return UNREACHABLE;
            }
        }
        return NOT_DATABASE;
    }

    static DatabaseFailure ofState(String state) {
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return UNREACHABLE;
        }
        if (state.startsWith("53")) {
            return OUT_OF_RESOURCES;
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return LOST_RACE;
        }
        if (state.startsWith("22") || state.startsWith("23") || state.startsWith("54")) {
            return REFUSED_DATA;
        }
        return OTHER;
    }
}
