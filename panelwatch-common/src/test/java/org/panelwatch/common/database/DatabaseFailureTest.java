package org.panelwatch.common.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** One reading of SQLSTATEs for the REST mappers and the consumers: which failures pass, which are the data's. */
class DatabaseFailureTest {

    @ParameterizedTest(name = "{0} ({2}) is {1}")
    @CsvSource({
            "08000, UNREACHABLE,       connection exception",
            "08001, UNREACHABLE,       client cannot establish a connection",
            "08003, UNREACHABLE,       connection does not exist",
            "08006, UNREACHABLE,       connection failure",
            "57P01, UNREACHABLE,       admin shutdown",
            "57P02, UNREACHABLE,       crash shutdown",
            "57P03, UNREACHABLE,       cannot connect now (starting up)",
            "53000, OUT_OF_RESOURCES,  insufficient resources",
            "53100, OUT_OF_RESOURCES,  disk full",
            "53200, OUT_OF_RESOURCES,  out of memory",
            "53300, OUT_OF_RESOURCES,  too many connections",
            "40001, LOST_RACE,         serialization failure",
            "40P01, LOST_RACE,         deadlock detected",
            "22001, REFUSED_DATA,      string data right truncation",
            "22007, REFUSED_DATA,      invalid datetime format",
            "22P05, REFUSED_DATA,      untranslatable character",
            "23505, REFUSED_DATA,      unique violation",
            "23503, REFUSED_DATA,      foreign key violation",
            "54000, REFUSED_DATA,      program limit exceeded",
            "40002, OTHER,             integrity constraint violation at commit",
            "42P01, OTHER,             undefined table",
            "42601, OTHER,             syntax error",
            "57014, OTHER,             query canceled",
            "57P04, OTHER,             database dropped",
            "XX000, OTHER,             internal error"
    })
    void anSqlStateIsReadTheSameWayEverywhere(String state, DatabaseFailure expected, String meaning) {
        DatabaseFailure failure = DatabaseFailure.of(new IllegalStateException("could not store",
                new SQLException(meaning, state)));
        assertThat(failure).isEqualTo(expected);
        assertThat(failure.isTransient()).isEqualTo(expected == DatabaseFailure.UNREACHABLE
                || expected == DatabaseFailure.OUT_OF_RESOURCES || expected == DatabaseFailure.LOST_RACE);
    }

    @Test
    void theFirstStateInTheChainDecides() {
        SQLException batch = new BatchUpdateException("batch failed", "23505", new int[0]);
        batch.initCause(new SQLException("connection reset", "08006"));
        assertThat(DatabaseFailure.of(new RuntimeException(batch))).isEqualTo(DatabaseFailure.REFUSED_DATA);
    }

    @Test
    void aPoolThatCannotHandOutAConnectionIsAnUnreachableDatabase() {
        class AcquisitionTimeoutException extends RuntimeException {
        }
        assertThat(DatabaseFailure.of(new IllegalStateException(new AcquisitionTimeoutException())))
                .isEqualTo(DatabaseFailure.UNREACHABLE);
    }

    @Test
    void aFailureWithoutSqlStateIsNotTheDatabases() {
        assertThat(DatabaseFailure.of(new IllegalArgumentException("no tagging rule matched")))
                .isEqualTo(DatabaseFailure.NOT_DATABASE);
        assertThat(DatabaseFailure.of(new RuntimeException(new SQLException("no state")))).isEqualTo(DatabaseFailure.NOT_DATABASE);
    }
}
