package org.panelwatch.console.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import org.panelwatch.console.client.AlertApi;
import org.panelwatch.console.client.AnalysisApi;
import org.panelwatch.console.client.IngestApi;
import org.panelwatch.console.client.ServiceProblem;
import org.panelwatch.console.mapping.Charts;
import org.panelwatch.console.mapping.Views;
import org.panelwatch.console.service.Forms;

/** The console's templates (src/main/resources/templates/NAME.html); Qute escapes every value by default. */
@CheckedTemplate(requireTypeSafeExpressions = false)
public final class Pages {

    private Pages() {
    }

    public static native TemplateInstance signIn(Frame frame, String next, String csrf, String error, boolean expired,
            boolean signedOut);

    public static native TemplateInstance signals(Frame frame, Forms.SignalFilters filters, List<Views.SignalRow> rows,
            String nextUrl, String pollUrl, int pollSeconds, List<Views.Chip> topics,
            List<ServiceProblem.FieldError> errors);

    public static native TemplateInstance item(Frame frame, AnalysisApi.ItemDetail item, List<Views.Segment> title,
            List<Views.Segment> body, List<TopicView> topics, List<AnalysisApi.Feedback> feedback, boolean signalled,
            List<Views.Chip> addable, List<AnalysisApi.ItemSummary> duplicates, List<ServiceProblem.FieldError> errors,
            String verdictOptions);

    public static native TemplateInstance story(Frame frame, AnalysisApi.StoryDetail story, List<String> outlets,
            List<String> languages);

    public static native TemplateInstance entity(Frame frame, AnalysisApi.EntityDetail entity, boolean later,
            String firstUrl, String nextUrl);

    public static native TemplateInstance alerts(Frame frame, List<AlertApi.Subscription> subscriptions,
            Forms.AlertForm form, List<Views.Chip> topics, List<ServiceProblem.FieldError> errors, String secret,
            Preview preview);

    public static native TemplateInstance alert(Frame frame, AlertApi.Subscription subscription, Forms.AlertForm form,
            List<Views.Chip> topics, List<AlertApi.Delivery> deliveries, List<ServiceProblem.FieldError> errors);

    public static native TemplateInstance feeds(Frame frame, List<IngestApi.Feed> feeds, Forms.FeedForm form,
            List<ServiceProblem.FieldError> errors);

    public static native TemplateInstance overview(Frame frame, int days, Charts.Chart signals, List<Charts.Chart> topics,
            long signalTotal, AnalysisApi.OverviewStats stats);

    public static native TemplateInstance problem(Frame frame, String heading, String message);

    /**
     * What a subscription's filter would have matched in the last 30 days: {@code count} signals
     * ({@code more}: at least that many), the newest of them; or why no preview can be made.
     */
    public record Preview(int count, boolean more, List<Views.SignalRow> newest, String unavailable) {
    }

    /** A topic of an item: its chip, score, the passages that made it. */
    public record TopicView(Views.Chip chip, String score, List<String> passages, List<AnalysisApi.ResolutionRef> resolutions) {
    }
}
