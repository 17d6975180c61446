package org.panelwatch.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every exception that reaches the REST layer into an {@code application/problem+json} answer. */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return toResponse(e);
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            // A second document after the first (StrictJsonReading): the body is not one JSON value.
            return response(Problem.of(400, "Malformed JSON", "The body holds more than one JSON value."));
        }
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("body");
        String message = e instanceof InvalidFormatException ? "has the wrong format" : "has the wrong type";
        return validation(List.of(new Problem.FieldError(null, field, message)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return response(Problem.of(400, "Malformed JSON", e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(v -> new Problem.FieldError(null, field(v.getPropertyPath()), v.getMessage()))
                .toList();
        return validation(errors);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return response(Problem.of(403, "Forbidden", "This API key's role may not do this."));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        Response.ResponseBuilder builder = builder(Problem.of(status, title, e.getMessage()));
        // 405 must keep its Allow header.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isDatabaseUnreachable(e)) {
            // Not the caller's fault and not a bug: a client that retries after a while succeeds.
            LOG.warnf("Database unreachable while answering a request: %s", e.getMessage());
            return toResponse(ProblemException.unavailable("The database is unreachable; try again later.",
                    DATABASE_RETRY_AFTER_SECONDS));
        }
        LOG.error("Unexpected error answering a request", e);
        return response(Problem.of(500, "Internal Server Error", "The server failed to answer; see its log."));
    }

    /**
     * A connection failure (SQLSTATE class 08), a server shutting down (57P01-57P03) or no pooled
     * connection to be had: the database is down or restarting, not the request wrong.
     */
    static boolean isDatabaseUnreachable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P")) {
                    return true;
                }
            }
            if (c.getClass().getName().contains("AcquisitionTimeout")) {
                return true;
            }
        }
        return false;
    }

    private static Response unauthorized() {
        return builder(Problem.of(401, "Unauthorized", "A valid API key is required: Authorization: Bearer <key>."))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    private static Response validation(List<Problem.FieldError> errors) {
        return toResponse(ProblemException.validation(errors));
    }

    /**
     * The field as a JSON path the caller can find in its body: "filter.keywords[3]", "channel.url". The
     * method and parameter nodes ("create.request") mean nothing to the caller and are left out; a violation
     * on the parameter itself is on the whole body; container elements ("<list element>") give only their index.
     */
    static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            boolean named = node.getName() != null && !node.getName().isEmpty();
            if (named && (node.getKind() == ElementKind.PROPERTY)) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    static Response response(Problem problem) {
        return builder(problem).build();
    }

    private static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    static Response toResponse(ProblemException e) {
        Response.ResponseBuilder builder = builder(e.problem());
        e.headers().forEach(builder::header);
        return builder.build();
    }
}
