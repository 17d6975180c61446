package org.panelwatch.console.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.panelwatch.console.client.AnalysisApi;
import org.panelwatch.console.client.AnalysisClient;
import org.panelwatch.console.client.ServiceCalls;
import org.panelwatch.console.client.ServiceProblem;
import org.panelwatch.console.config.ConsoleConfig;
import org.panelwatch.console.mapping.Views;
import org.panelwatch.console.service.Forms;
import org.panelwatch.console.service.Forms.SignalFilters;
import org.panelwatch.console.service.Session;
import org.panelwatch.console.service.TopicCatalogue;

/** The signal list: newest first, filtered by the URL, a page at a time, with a count of new signals. */
@Path("/signals")
public class SignalPage {

    static final String SIGNAL_TYPE = "russia-dprk-military";
    private static final int PAGE = 25;

    private final AnalysisClient analysis;
    private final ServiceCalls calls;
    private final TopicCatalogue catalogue;
    private final PageFrames frames;
    private final ConsoleConfig config;

    public SignalPage(@RestClient AnalysisClient analysis, ServiceCalls calls, TopicCatalogue catalogue,
            PageFrames frames, ConsoleConfig config) {
        this.analysis = analysis;
        this.calls = calls;
        this.catalogue = catalogue;
        this.frames = frames;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Object list(@QueryParam("severity") String severity, @QueryParam("minScore") String minScore,
            @QueryParam("topic") String topic, @QueryParam("lang") String lang, @QueryParam("source") String source,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String q,
            @QueryParam("cursor") String cursor) {
        SignalFilters filters = SignalFilters.of(severity, minScore, topic, lang, source, from, to, q);
        Frame frame = frames.of("Signals", "signals");
        Session session = frames.session();
        if (!session.access().reader()) {
            return Pages.problem(frame, "Signals", "Your key cannot read signals. Sign in with a reader key to see them.");
        }
        List<ServiceProblem.FieldError> errors = new ArrayList<>();
        String since = filters.since(errors);
        String until = filters.until(errors);
        Map<String, AnalysisApi.Topic> topics = Map.of();
        List<Views.SignalRow> rows = List.of();
        String next = null;
        String poll = null;
        try {
            topics = catalogue.topics(session);
            if (errors.isEmpty()) {
                AnalysisApi.Page<AnalysisApi.SignalEntry> page = calls.call("analysis-service",
                        () -> analysis.signals(session.bearer(), SIGNAL_TYPE, since, until, filters.minScore(),
                                filters.severity(), filters.lang(), filters.source(), filters.topic(), filters.q(), PAGE,
                                Forms.clean(cursor)));
                Map<String, AnalysisApi.Topic> catalogueNow = topics;
                rows = page.items().stream().map(s -> Views.signalRow(s, catalogueNow)).toList();
                next = page.nextCursor() == null ? null : filters.url("/signals", page.nextCursor());
                if (cursor == null || cursor.isBlank()) {
                    poll = filters.url("/signals/new", null) + (filters.any() ? "&" : "?") + "after="
                            + (rows.isEmpty() ? "" : rows.get(0).id());
                }
            }
        } catch (ServiceProblem p) {
            if (p.kind() == ServiceProblem.Kind.INVALID) {
                errors.addAll(p.errors().isEmpty() ? List.of(new ServiceProblem.FieldError("", p.notice())) : p.errors());
            } else {
                frame = frame.notice(p.notice());
            }
        }
        Map<String, AnalysisApi.Topic> names = topics;
        List<Views.Chip> options = names.keySet().stream().map(id -> Views.chip(id, names)).toList();
        return Pages.signals(frame, filters, rows, next, poll, config.pollSeconds(), options, errors);
    }

    /**
     * How many signals matching the filters are newer than the one the page showed first. The page's
     * script asks with If-None-Match, so an unchanged count costs a 304 and no body.
     */
    @GET
    @Path("new")
    public Response newSignals(@QueryParam("severity") String severity, @QueryParam("minScore") String minScore,
            @QueryParam("topic") String topic, @QueryParam("lang") String lang, @QueryParam("source") String source,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("q") String q,
            @QueryParam("after") String after, @jakarta.ws.rs.core.Context Request request) {
        SignalFilters filters = SignalFilters.of(severity, minScore, topic, lang, source, from, to, q);
        Session session = frames.session();
        List<ServiceProblem.FieldError> errors = new ArrayList<>();
        String since = filters.since(errors);
        String until = filters.until(errors);
        int count = 0;
        if (errors.isEmpty() && session.access().reader()) {
            List<AnalysisApi.SignalEntry> newest = calls.call("analysis-service",
                    () -> analysis.signals(session.bearer(), SIGNAL_TYPE, since, until, filters.minScore(),
                            filters.severity(), filters.lang(), filters.source(), filters.topic(), filters.q(), 100, null))
                    .items();
            for (AnalysisApi.SignalEntry s : newest) {
                if (s.id().toString().equals(after)) {
                    break;
                }
                count++;
            }
        }
        EntityTag tag = new EntityTag("n" + count);
        Response.ResponseBuilder same = request.evaluatePreconditions(tag);
        if (same != null) {
            return same.tag(tag).build();
        }
        return Response.ok("{\"count\":" + count + "}", MediaType.APPLICATION_JSON_TYPE).tag(tag).build();
    }
}
