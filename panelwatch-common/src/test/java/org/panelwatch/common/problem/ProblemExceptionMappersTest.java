package org.panelwatch.common.problem;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

/**
 * An unreachable database answers 503 with Retry-After, so clients retry; anything else unexpected is a 500.
 * Constraint violations name their field as a JSON path of the body.
 */
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

    record Filter(List<@NotBlank String> keywords) {
    }

    record Request(@NotBlank String name, @Valid Filter filter) {
    }

    static class Resource {
        public void create(@NotNull @Valid Request request) {
        }
    }

    @Test
    void aViolationNamesItsFieldAsAJsonPathOfTheBody() throws Exception {
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        Method create = Resource.class.getMethod("create", Request.class);

        Set<ConstraintViolation<Resource>> nested = validator.forExecutables().validateParameters(new Resource(), create,
                new Object[] {new Request(" ", new Filter(List.of("ok", " ")))});
        assertThat(nested).extracting(v -> ProblemExceptionMappers.field(v.getPropertyPath()))
                .containsExactlyInAnyOrder("name", "filter.keywords[1]");

        Set<ConstraintViolation<Resource>> noBody = validator.forExecutables().validateParameters(new Resource(), create,
                new Object[] {null});
        assertThat(noBody).extracting(v -> ProblemExceptionMappers.field(v.getPropertyPath())).containsExactly("body");
    }
}
