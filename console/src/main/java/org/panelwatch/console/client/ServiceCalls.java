package org.panelwatch.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Every call to a service goes through here, so that a refused key, a missing object, invalid input
 * (the service's problem+json) and a service that does not answer all become one {@link ServiceProblem}.
 * Nothing logged here carries the caller's key: REST Client exceptions name only the URL and status.
 */
@ApplicationScoped
public class ServiceCalls {

    private static final Logger LOG = Logger.getLogger(ServiceCalls.class);

    private final ObjectMapper json;

    public ServiceCalls(ObjectMapper json) {
        this.json = json;
    }

    public <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException e) {
            throw problem(service, e);
        } catch (ProcessingException e) {
            LOG.warnf("%s did not answer: %s", service, e.getClass().getSimpleName());
            throw new ServiceProblem(ServiceProblem.Kind.DOWN, service, 0, null, List.of());
        }
    }

    public void run(String service, Runnable call) {
        call(service, () -> {
            call.run();
            return null;
        });
    }

    private ServiceProblem problem(String service, WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        String detail = null;
        List<ServiceProblem.FieldError> errors = new ArrayList<>();
        try {
            String body = e.getResponse().readEntity(String.class);
            JsonNode problem = json.readTree(body);
            detail = problem.path("detail").asText(null);
            for (JsonNode error : problem.path("errors")) {
                errors.add(new ServiceProblem.FieldError(error.path("field").asText(""), error.path("message").asText("")));
            }
        } catch (RuntimeException | java.io.IOException unreadable) {
            // A body that is not problem+json leaves only the status to go on.
        }
        ServiceProblem.Kind kind = switch (status) {
            case 401, 403 -> ServiceProblem.Kind.REFUSED;
            case 404 -> ServiceProblem.Kind.NOT_FOUND;
            case 400, 409, 413, 422 -> ServiceProblem.Kind.INVALID;
            case 502, 503, 504 -> ServiceProblem.Kind.DOWN;
            default -> ServiceProblem.Kind.FAILED;
        };
        if (kind == ServiceProblem.Kind.FAILED || kind == ServiceProblem.Kind.DOWN) {
            LOG.warnf("%s answered %d", service, status);
        }
        return new ServiceProblem(kind, service, status, detail, errors);
    }
}
