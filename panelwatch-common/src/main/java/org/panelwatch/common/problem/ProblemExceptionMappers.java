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
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.panelwatch.common.database.DatabaseFailure;
import org.panelwatch.common.json.MalformedJson;

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
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Trailing token") || message.startsWith("No content to map")) {
            // A second document after the first (StrictJsonReading), or none at all: the body is not one JSON value.
            return malformedJson(e);
        }
        LOG.debugf(e, "A JSON value of the wrong type in a request body");
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("body");
        String expectation = e instanceof InvalidFormatException ? "has the wrong format" : "has the wrong type";
        return validation(List.of(new Problem.FieldError(null, field, expectation)));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        // The reader's message names its own classes and settings; the client gets the mistake in our words.
        LOG.debugf(e, "Malformed JSON in a request body");
        return response(Problem.of(400, "Malformed JSON", "The JSON is malformed: " + MalformedJson.of(e).describe() + "."));
    }

    @ServerExceptionMapper
    public Response unreadableParameter(UnreadableParameterException e) {
        LOG.debugf("Unreadable parameter: %s", e.getMessage());
        Problem.FieldError error = new Problem.FieldError(null, e.parameter(), e.expectation());
        return response(new Problem(Problem.typeFor(400), "Bad Request", 400,
                e.parameter() + " " + e.expectation() + ".", List.of(error)));
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
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus's JSON body reader wraps the parser's failure in a bare 400.
            return json instanceof MismatchedInputException mismatched ? mismatchedJson(mismatched) : malformedJson(json);
        }
        int status = e.getResponse().getStatus();
        // RESTEasy's messages ("HTTP 404 Not Found") say nothing a client can act on; a 404 from a path id
        // of the wrong type carries the converter's exception as its cause.
        LOG.debugf(e, "Answering %d", status);
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        Response.ResponseBuilder builder = builder(Problem.of(status, title, detailOf(status, uri)));
        // 405 must keep its Allow header.
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    private static String detailOf(int status, UriInfo uri) {
        return switch (status) {
            case 400 -> "The request cannot be read.";
            case 404 -> "No resource at " + (uri == null ? "this path" : "/" + uri.getPath().replaceFirst("^/", "")) + ".";
            case 405 -> "This method is not allowed here; the Allow header lists those that are.";
            case 406 -> "This resource cannot answer in a media type the Accept header allows.";
            case 415 -> "This resource does not read that Content-Type; send application/json.";
            default -> status >= 500 ? "The server failed to answer; see its log." : null;
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DatabaseFailure.of(e).isTransient()) {
            // Not the caller's fault and not a bug: a client that retries after a while succeeds.
            LOG.warnf("Database unavailable while answering a request (%s): %s", DatabaseFailure.of(e), e.getMessage());
            return toResponse(ProblemException.unavailable("The database is unavailable for the moment; try again later.",
                    DATABASE_RETRY_AFTER_SECONDS));
        }
        LOG.error("Unexpected error answering a request", e);
        return response(Problem.of(500, "Internal Server Error", "The server failed to answer; see its log."));
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
