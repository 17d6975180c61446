package org.panelwatch.console.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.panelwatch.console.client.AnalysisApi;
import org.panelwatch.console.client.AnalysisClient;
import org.panelwatch.console.client.ServiceCalls;
import org.panelwatch.console.service.Forms;
import org.panelwatch.console.service.Session;

/**
 * An entity (a UN-listed individual, entity or vessel by its UN reference, such as KPe.020) and the
 * items that name it, newest first, a page at a time; the cursor is in the URL so every page is a link.
 */
@Path("/entities/{id}")
@Produces(MediaType.TEXT_HTML)
public class EntityPage {

    private static final int PAGE = 25;

    private final AnalysisClient analysis;
    private final ServiceCalls calls;
    private final PageFrames frames;

    public EntityPage(@RestClient AnalysisClient analysis, ServiceCalls calls, PageFrames frames) {
        this.analysis = analysis;
        this.calls = calls;
        this.frames = frames;
    }

    @GET
    public Object show(@PathParam("id") String id, @QueryParam("cursor") String cursor) {
        Session session = frames.session();
        Frame frame = frames.of("Entity", "signals");
        if (!session.access().reader()) {
            return Pages.problem(frame, "Entity", "Your key cannot read entities. Sign in with a reader key to see them.");
        }
        String after = Forms.clean(cursor);
        AnalysisApi.EntityDetail entity = calls.call("analysis-service",
                () -> analysis.entity(session.bearer(), id, PAGE, after));
        frame = new Frame(entity.name(), "signals", frame.access(), frame.csrf(), frame.flash(), frame.notices());
        String path = "/entities/" + URLEncoder.encode(entity.id(), StandardCharsets.UTF_8).replace("+", "%20");
        String next = entity.nextCursor() == null ? null
                : path + "?cursor=" + URLEncoder.encode(entity.nextCursor(), StandardCharsets.UTF_8);
        return Pages.entity(frame, entity, after != null, path, next);
    }
}
