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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.panelwatch.console.client.AnalysisApi;
import org.panelwatch.console.client.AnalysisClient;
import org.panelwatch.console.client.ServiceCalls;
import org.panelwatch.console.client.ServiceProblem;
import org.panelwatch.console.mapping.Views;
import org.panelwatch.console.service.Forms;
import org.panelwatch.console.service.Session;
import org.panelwatch.console.service.TopicCatalogue;

/** One item: its text with evidence and entities marked, its topics, signal, story, duplicates and feedback. */
@Path("/items/{id}")
@Produces(MediaType.TEXT_HTML)
public class ItemPage {

    private final AnalysisClient analysis;
    private final ServiceCalls calls;
    private final TopicCatalogue catalogue;
    private final PageFrames frames;

    public ItemPage(@RestClient AnalysisClient analysis, ServiceCalls calls, TopicCatalogue catalogue, PageFrames frames) {
        this.analysis = analysis;
        this.calls = calls;
        this.catalogue = catalogue;
        this.frames = frames;
    }

    @GET
    public Object show(@PathParam("id") String id) {
        return render(id, List.of(), 200);
    }

    @POST
    @Path("feedback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object feedback(@PathParam("id") String id, @RestForm String csrf, @RestForm String verdict,
            @RestForm("add") List<String> add, @RestForm("remove") List<String> remove, @RestForm String note) {
        Session session = frames.session();
        Forms.requireCsrf(session, csrf);
        AnalysisApi.FeedbackRequest request = new AnalysisApi.FeedbackRequest(Forms.clean(verdict),
                new AnalysisApi.TopicCorrections(add == null ? List.of() : add, remove == null ? List.of() : remove),
                Forms.clean(note));
        try {
            calls.call("analysis-service", () -> analysis.giveFeedback(session.bearer(), id, request));
        } catch (ServiceProblem p) {
            if (p.kind() != ServiceProblem.Kind.INVALID) {
                throw p;
            }
            return render(id, p.errors().isEmpty() ? List.of(new ServiceProblem.FieldError("verdict", p.notice())) : p.errors(), 422);
        }
        session.flash("Thank you: your feedback is recorded.");
        return Response.seeOther(URI.create("/items/" + id + "#feedback")).build();
    }

    private Object render(String id, List<ServiceProblem.FieldError> errors, int status) {
        Session session = frames.session();
        Frame frame = frames.of("Item", "signals");
        if (!session.access().reader()) {
            return Pages.problem(frame, "Item", "Your key cannot read items. Sign in with a reader key to see them.");
        }
        AnalysisApi.ItemDetail item = calls.call("analysis-service", () -> analysis.item(session.bearer(), id));
        frame = new Frame(item.title(), "signals", frame.access(), frame.csrf(), frame.flash(), frame.notices());
        Map<String, AnalysisApi.Topic> names = catalogue.topics(session);
        List<AnalysisApi.Evidence> evidence = new ArrayList<>();
        item.signals().forEach(s -> evidence.addAll(s.evidence()));
        List<Views.Segment> title = Views.marked(item.title(), "title", evidence, item.entities());
        List<Views.Segment> body = Views.marked(item.text(), "body", evidence, item.entities());
        List<Pages.TopicView> topics = item.topics().stream().map(t -> new Pages.TopicView(Views.chip(t.id(), names),
                Views.score(t.score()), t.evidence().stream().map(AnalysisApi.Evidence::text).distinct().toList(),
                t.resolutions())).toList();
        Set<String> tagged = item.topics().stream().map(AnalysisApi.TopicTag::id).collect(Collectors.toSet());
        List<Views.Chip> addable = names.keySet().stream().filter(t -> !tagged.contains(t)).map(t -> Views.chip(t, names)).toList();
        List<AnalysisApi.Feedback> feedback = List.of();
        try {
            feedback = calls.call("analysis-service", () -> analysis.feedback(session.bearer(), id));
        } catch (ServiceProblem p) {
            frame = frame.notice("Earlier feedback cannot be shown: " + p.notice());
        }
        List<AnalysisApi.ItemSummary> duplicates = List.of();
        if (item.storyId() != null) {
            try {
                duplicates = calls.call("analysis-service", () -> analysis.story(session.bearer(), item.storyId().toString()))
                        .items().stream().filter(i -> item.id().equals(i.duplicateOf())).toList();
            } catch (ServiceProblem p) {
                // The story is optional on this page: without it the duplicates are simply not listed.
            }
        }
        boolean signalled = item.signals().stream().anyMatch(s -> SignalPage.SIGNAL_TYPE.equals(s.type()));
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Pages.item(frame, item, title, body, topics,
                feedback, signalled, addable, duplicates, errors, signalled ? "confirmed false-alarm" : "missed")).build();
    }
}
