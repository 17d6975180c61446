package org.panelwatch.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** An unreachable database answers 503 with Retry-After, so clients retry; anything else unexpected is a 500. */
class ProblemExceptionMappersTest {

    private final ProblemExceptionMappers mappers = new ProblemExceptionMappers();

    @Test
    void anUnreachableDatabaseIsServiceUnavailableWithRetryAfter() {
        Response response = mappers.unexpected(new IllegalStateException("could not claim",
                new SQLException("Connection to localhost:5432 refused", "08001")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((Problem) response.getEntity()).status()).isEqualTo(503);
    }

    @Test
    void aDatabaseShuttingDownIsServiceUnavailable() {
        Response response = mappers.unexpected(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(response.getStatus()).isEqualTo(503);
    }

    @Test
    void anyOtherFailureIsAnInternalServerError() {
        Response response = mappers.unexpected(new RuntimeException(new SQLException("syntax error", "42601")));
        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }
}
