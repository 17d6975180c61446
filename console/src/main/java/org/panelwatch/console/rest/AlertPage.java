package org.panelwatch.console.rest;

import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.panelwatch.console.client.AlertApi;
import org.panelwatch.console.client.AlertClient;
import org.panelwatch.console.client.AnalysisApi;
import org.panelwatch.console.client.AnalysisClient;
import org.panelwatch.console.client.ServiceCalls;
import org.panelwatch.console.client.ServiceProblem;
import org.panelwatch.console.mapping.Views;
import org.panelwatch.console.service.Forms;
import org.panelwatch.console.service.Forms.AlertForm;
import org.panelwatch.console.service.Session;
import org.panelwatch.console.service.TopicCatalogue;

/**
 * My alerts: a subscriber's subscriptions (an admin's: everyone's) listed, created, edited, paused,
 * resumed, deleted and tested, with every delivery attempt and its error.
 */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertPage {

    private static final String ALERT = "alert-service";

    private final AlertClient alert;
    private final AnalysisClient analysis;
    private final ServiceCalls calls;
    private final TopicCatalogue catalogue;
    private final PageFrames frames;

    public AlertPage(@RestClient AlertClient alert, @RestClient AnalysisClient analysis, ServiceCalls calls,
            TopicCatalogue catalogue, PageFrames frames) {
        this.alert = alert;
        this.analysis = analysis;
        this.calls = calls;
        this.catalogue = catalogue;
        this.frames = frames;
    }

    @GET
    public Object list() {
        return listPage(AlertForm.empty(), List.of(), null, 200, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object create(@BeanParam AlertFormFields fields) {
        Session session = frames.session();
        Forms.requireCsrf(session, fields.csrf());
        AlertForm form = fields.form();
        List<ServiceProblem.FieldError> errors = new ArrayList<>();
        AlertApi.SubscriptionRequest request = form.request(null, errors);
        if (!errors.isEmpty()) {
            return listPage(form, errors, null, 422, null);
        }
        try {
            AlertApi.Subscription created = calls.call(ALERT, () -> alert.create(session.bearer(), request));
            // The signing secret is shown once, on this answer only, as the alert service gives it once.
            return listPage(AlertForm.empty(), List.of(), created, 201, null);
        } catch (ServiceProblem p) {
            if (p.kind() != ServiceProblem.Kind.INVALID) {
                throw p;
            }
            return listPage(form, fieldErrors(p), null, 422, null);
        }
    }

    /**
     * The filter as typed, tried on the last 30 days of signals before it is saved. The read API is
     * asked with the filter's terms (keywords as "any of these words"); a key that cannot read
     * signals gets no preview.
     */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object preview(@BeanParam AlertFormFields fields) {
        Session session = frames.session();
        Forms.requireCsrf(session, fields.csrf());
        AlertForm form = fields.form();
        List<ServiceProblem.FieldError> errors = new ArrayList<>();
        AlertApi.SubscriptionRequest request = form.request(null, errors);
        if (!errors.isEmpty()) {
            return listPage(form, errors, null, 422, null);
        }
        if (!session.access().reader()) {
            return listPage(form, List.of(), null, 200, new Pages.Preview(0, false, List.of(),
                    "A preview needs a key that reads signals (reader or admin); yours does not."));
        }
        try {
            return listPage(form, List.of(), null, 200, matches(session, request.filter()));
        } catch (ServiceProblem p) {
            if (p.kind() == ServiceProblem.Kind.INVALID) {
                return listPage(form, fieldErrors(p), null, 422, null);
            }
            return listPage(form, List.of(), null, 200, new Pages.Preview(0, false, List.of(), p.notice()));
        }
    }

    private Pages.Preview matches(Session session, AlertApi.Filter filter) {
        String since = java.time.Instant.now().minus(java.time.Duration.ofDays(30)).toString();
        String topic = filter.topics() == null || filter.topics().isEmpty() ? null : String.join(",", filter.topics());
        String q = filter.keywords() == null || filter.keywords().isEmpty() ? null
                : filter.keywords().stream().map(k -> k.contains(" ") ? "\"" + k.replace("\"", "") + "\"" : k)
                        .collect(java.util.stream.Collectors.joining(" or "));
        String min = filter.minScore() == null ? null : String.valueOf(filter.minScore());
        List<String> languages = filter.languages() == null || filter.languages().isEmpty() ? java.util.Collections.singletonList(null)
                : filter.languages();
        Map<String, AnalysisApi.Topic> names = catalogue.topics(session);
        List<AnalysisApi.SignalEntry> found = new ArrayList<>();
        boolean more = false;
        for (String lang : languages) {
            AnalysisApi.Page<AnalysisApi.SignalEntry> page = calls.call("analysis-service", () -> analysis.signals(
                    session.bearer(), SignalPage.SIGNAL_TYPE, since, null, min, null, lang, null, topic, q, 100, null));
            found.addAll(page.items());
            more |= page.nextCursor() != null;
        }
        found.sort(java.util.Comparator.comparing(AnalysisApi.SignalEntry::detectedAt).reversed());
        return new Pages.Preview(found.size(), more, found.stream().limit(10).map(s -> Views.signalRow(s, names)).toList(), null);
    }

    @GET
    @Path("{id}")
    public Object show(@PathParam("id") String id) {
        Session session = frames.session();
        AlertApi.Subscription s = calls.call(ALERT, () -> alert.subscription(session.bearer(), id));
        return detailPage(s, AlertForm.of(s), List.of(), 200);
    }

    @POST
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object update(@PathParam("id") String id, @BeanParam AlertFormFields fields) {
        Session session = frames.session();
        Forms.requireCsrf(session, fields.csrf());
        AlertApi.Subscription s = calls.call(ALERT, () -> alert.subscription(session.bearer(), id));
        AlertForm form = fields.form();
        List<ServiceProblem.FieldError> errors = new ArrayList<>();
        AlertApi.SubscriptionRequest request = form.request(s.active(), errors);
        if (!errors.isEmpty()) {
            return detailPage(s, form, errors, 422);
        }
        try {
            calls.call(ALERT, () -> alert.update(session.bearer(), id, request));
        } catch (ServiceProblem p) {
            if (p.kind() != ServiceProblem.Kind.INVALID) {
                throw p;
            }
            return detailPage(s, form, fieldErrors(p), 422);
        }
        session.flash("Subscription \"" + Forms.clean(fields.name()) + "\" saved.");
        return back(id);
    }

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pause(@PathParam("id") String id, @RestForm String csrf) {
        return setActive(id, csrf, false);
    }

    @POST
    @Path("{id}/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("id") String id, @RestForm String csrf) {
        return setActive(id, csrf, true);
    }

    @POST
    @Path("{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response delete(@PathParam("id") String id, @RestForm String csrf) {
        Session session = frames.session();
        Forms.requireCsrf(session, csrf);
        calls.run(ALERT, () -> alert.delete(session.bearer(), id));
        session.flash("Subscription deleted.");
        return Response.seeOther(URI.create("/alerts")).build();
    }

    @POST
    @Path("{id}/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@PathParam("id") String id, @RestForm String csrf) {
        Session session = frames.session();
        Forms.requireCsrf(session, csrf);
        AlertApi.TestResult r = calls.call(ALERT, () -> alert.test(session.bearer(), id));
        String answer = r.statusCode() == null ? "" : " (HTTP " + r.statusCode() + ")";
        session.flash("delivered".equals(r.status())
                ? "Test message sent and delivered" + answer + ". It is listed under Deliveries."
                : "Test message sent but not delivered" + answer + (r.error() == null ? "" : ": " + r.error())
                        + ". It is listed under Deliveries.");
        return back(id);
    }

    private Response setActive(String id, String csrf, boolean active) {
        Session session = frames.session();
        Forms.requireCsrf(session, csrf);
        AlertApi.Subscription s = calls.call(ALERT, () -> alert.subscription(session.bearer(), id));
        AlertApi.SubscriptionRequest request = new AlertApi.SubscriptionRequest(s.name(), s.channel(), s.filter(),
                s.mode(), active);
        calls.call(ALERT, () -> alert.update(session.bearer(), id, request));
        session.flash("Subscription \"" + s.name() + "\" " + (active ? "resumed" : "paused") + ".");
        return back(id);
    }

    private Object listPage(AlertForm form, List<ServiceProblem.FieldError> errors, AlertApi.Subscription created,
            int status, Pages.Preview preview) {
        Session session = frames.session();
        Frame frame = frames.of("My alerts", "alerts");
        if (!session.access().subscriber()) {
            return Pages.problem(frame, "My alerts", "Your key has no alerts. Sign in with a subscriber key to manage them.");
        }
        List<AlertApi.Subscription> subscriptions = List.of();
        try {
            subscriptions = calls.call(ALERT, () -> alert.subscriptions(session.bearer())).items();
        } catch (ServiceProblem p) {
            frame = frame.notice(p.notice());
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.alerts(frame, subscriptions, form, topics(session), errors,
                        created == null ? null : created.secret(), preview))
                .build();
    }

    private Object detailPage(AlertApi.Subscription s, AlertForm form, List<ServiceProblem.FieldError> errors, int status) {
        Session session = frames.session();
        Frame frame = frames.of(s.name(), "alerts");
        List<AlertApi.Delivery> deliveries = List.of();
        try {
            deliveries = calls.call(ALERT, () -> alert.deliveries(session.bearer(), s.id().toString())).items();
        } catch (ServiceProblem p) {
            frame = frame.notice("Deliveries cannot be shown: " + p.notice());
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Pages.alert(frame, s, form, topics(session), deliveries, errors)).build();
    }

    /** Topic choices for the filter; without a reader key (a subscriber's), the ids of the contract. */
    private List<Views.Chip> topics(Session session) {
        try {
            if (session.access().reader()) {
                Map<String, AnalysisApi.Topic> names = catalogue.topics(session);
                return names.keySet().stream().map(id -> Views.chip(id, names)).toList();
            }
        } catch (ServiceProblem p) {
            // Fall back to the fixed ids below.
        }
        return List.of("arms-transfer", "military-cooperation", "wmd-missile", "petroleum", "maritime-evasion",
                "overseas-workers", "finance-cyber", "export-bans", "luxury-goods", "sanctions-monitoring").stream()
                .map(id -> new Views.Chip(id, id, "")).toList();
    }

    private static List<ServiceProblem.FieldError> fieldErrors(ServiceProblem p) {
        return p.errors().isEmpty() ? List.of(new ServiceProblem.FieldError("", p.notice())) : p.errors();
    }

    private static Response back(String id) {
        return Response.seeOther(URI.create("/alerts/" + id)).build();
    }
}
