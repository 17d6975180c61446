package org.panelwatch.console.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.panelwatch.console.client.ServiceProblem;
import org.panelwatch.console.service.Forms;

/** Failures as plain pages in the console's words, never a stack trace. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final CurrentSession current;

    public ErrorPages(CurrentSession current) {
        this.current = current;
    }

    @ServerExceptionMapper
    public Response csrf(Forms.CsrfRefused e) {
        return page(403, "This form has expired",
                "The form was sent without its security token, so nothing was changed. Go back, reload the page and try again.");
    }

    @ServerExceptionMapper
    public Response service(ServiceProblem e) {
        return switch (e.kind()) {
            case NOT_FOUND -> page(404, "Page not found", "There is no such object. It may have been deleted.");
            case REFUSED -> page(403, "Your key may not see this", e.notice());
            case DOWN -> page(503, "A service is not answering", e.notice());
            default -> page(502, "Something went wrong", e.notice());
        };
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "Page not found", "Check the address, or go to the signal list.");
    }

    @ServerExceptionMapper(priority = 10000)
    public Response unexpected(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException w && w.getResponse().getStatus() < 500) {
            return page(w.getResponse().getStatus(), "This request cannot be answered", "Check the address and try again.");
        }
        LOG.error("Page failed", e);
        return page(500, "Something went wrong", "The console could not show this page. Try again in a minute.");
    }

    private Response page(int status, String heading, String message) {
        Frame frame;
        try {
            var s = current.get();
            frame = new Frame(heading, "", s.access(), s.csrfToken(), null, List.of());
        } catch (RuntimeException noSession) {
            frame = new Frame(heading, "", null, null, null, List.of());
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.problem(frame, heading, message)).build();
    }
}
