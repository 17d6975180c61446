package org.panelwatch.console.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.panelwatch.console.client.IngestApi;
import org.panelwatch.console.client.IngestClient;
import org.panelwatch.console.client.ServiceCalls;
import org.panelwatch.console.client.ServiceProblem;
import org.panelwatch.console.service.Forms;
import org.panelwatch.console.service.Forms.FeedForm;
import org.panelwatch.console.service.Session;

/** Feeds with their health (last poll, status, error, items seen), added, removed and polled now. */
@Path("/feeds")
@Produces(MediaType.TEXT_HTML)
public class FeedPage {

    private static final String INGEST = "ingest-service";

    private final IngestClient ingest;
    private final ServiceCalls calls;
    private final PageFrames frames;

    public FeedPage(@RestClient IngestClient ingest, ServiceCalls calls, PageFrames frames) {
        this.ingest = ingest;
        this.calls = calls;
        this.frames = frames;
    }

    @GET
    public Object list() {
        return page(FeedForm.empty(), List.of(), 200);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object add(@RestForm String csrf, @RestForm String url, @RestForm String name, @RestForm String interval) {
        Session session = frames.session();
        Forms.requireCsrf(session, csrf);
        FeedForm form = new FeedForm(url, name, interval);
        Integer seconds = null;
        if (Forms.clean(interval) != null) {
            try {
                seconds = Integer.valueOf(interval.strip());
            } catch (NumberFormatException e) {
                return page(form, List.of(new ServiceProblem.FieldError("pollIntervalSeconds", "must be a whole number of seconds")), 422);
            }
        }
        IngestApi.FeedRequest request = new IngestApi.FeedRequest(Forms.clean(url), Forms.clean(name), seconds);
        try {
            calls.call(INGEST, () -> ingest.create(session.bearer(), request));
        } catch (ServiceProblem p) {
            if (p.kind() != ServiceProblem.Kind.INVALID) {
                throw p;
            }
            return page(form, p.errors().isEmpty() ? List.of(new ServiceProblem.FieldError("url", p.notice())) : p.errors(), 422);
        }
        session.flash("Feed \"" + Forms.clean(name) + "\" added.");
        return Response.seeOther(URI.create("/feeds")).build();
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response remove(@PathParam("id") String id, @RestForm String csrf) {
        Session session = frames.session();
        Forms.requireCsrf(session, csrf);
        calls.run(INGEST, () -> ingest.delete(session.bearer(), id));
        session.flash("Feed removed.");
        return Response.seeOther(URI.create("/feeds")).build();
    }

    @POST
    @Path("{id}/poll")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response poll(@PathParam("id") String id, @RestForm String csrf) {
        Session session = frames.session();
        Forms.requireCsrf(session, csrf);
        IngestApi.PollResult r = calls.call(INGEST, () -> ingest.poll(session.bearer(), id));
        session.flash("Polled: " + r.status() + ", " + r.newItems() + " new, " + r.duplicate() + " already seen"
                + (r.error() == null ? "." : ". Error: " + r.error()));
        return Response.seeOther(URI.create("/feeds")).build();
    }

    private Object page(FeedForm form, List<ServiceProblem.FieldError> errors, int status) {
        Session session = frames.session();
        Frame frame = frames.of("Feeds", "feeds");
        if (!session.access().ingest()) {
            return Pages.problem(frame, "Feeds", "Your key cannot manage feeds. Sign in with an ingest or admin key.");
        }
        List<IngestApi.Feed> feeds = List.of();
        try {
            feeds = calls.call(INGEST, () -> ingest.feeds(session.bearer())).items();
        } catch (ServiceProblem p) {
            frame = frame.notice(p.notice());
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Pages.feeds(frame, feeds, form, errors)).build();
    }
}
