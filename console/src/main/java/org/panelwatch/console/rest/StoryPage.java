package org.panelwatch.console.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.panelwatch.console.client.AnalysisApi;
import org.panelwatch.console.client.AnalysisClient;
import org.panelwatch.console.client.ServiceCalls;
import org.panelwatch.console.service.Session;

/** A story: every item that reports it, across outlets and languages, first report first. */
@Path("/stories/{id}")
@Produces(MediaType.TEXT_HTML)
public class StoryPage {

    private final AnalysisClient analysis;
    private final ServiceCalls calls;
    private final PageFrames frames;

    public StoryPage(@RestClient AnalysisClient analysis, ServiceCalls calls, PageFrames frames) {
        this.analysis = analysis;
        this.calls = calls;
        this.frames = frames;
    }

    @GET
    public Object show(@PathParam("id") String id) {
        Session session = frames.session();
        Frame frame = frames.of("Story", "signals");
        if (!session.access().reader()) {
            return Pages.problem(frame, "Story", "Your key cannot read stories. Sign in with a reader key to see them.");
        }
        AnalysisApi.StoryDetail story = calls.call("analysis-service", () -> analysis.story(session.bearer(), id));
        List<String> outlets = story.items().stream().map(AnalysisApi.ItemSummary::source).filter(Objects::nonNull)
                .distinct().toList();
        List<String> languages = story.items().stream().map(AnalysisApi.ItemSummary::lang).filter(Objects::nonNull)
                .distinct().toList();
        return Pages.story(frame, story, outlets, languages);
    }
}
