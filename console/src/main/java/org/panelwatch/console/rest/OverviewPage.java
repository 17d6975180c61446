package org.panelwatch.console.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.panelwatch.console.client.AnalysisApi;
import org.panelwatch.console.client.AnalysisClient;
import org.panelwatch.console.client.ServiceCalls;
import org.panelwatch.console.client.ServiceProblem;
import org.panelwatch.console.mapping.Charts;
import org.panelwatch.console.service.Session;
import org.panelwatch.console.service.TopicCatalogue;

/** Signals per day and items per topic per day over a chosen range, drawn as SVG on the server. */
@Path("/overview")
@Produces(MediaType.TEXT_HTML)
public class OverviewPage {

    /** Signals counted at most: 10 pages of 500; a range with more says the chart is cut. */
    private static final int PAGES = 10;

    private final AnalysisClient analysis;
    private final ServiceCalls calls;
    private final TopicCatalogue catalogue;
    private final PageFrames frames;

    public OverviewPage(@RestClient AnalysisClient analysis, ServiceCalls calls, TopicCatalogue catalogue, PageFrames frames) {
        this.analysis = analysis;
        this.calls = calls;
        this.catalogue = catalogue;
        this.frames = frames;
    }

    @GET
    public Object show(@QueryParam("days") String daysParam) {
        int days = switch (daysParam == null ? "30" : daysParam) {
            case "7" -> 7;
            case "90" -> 90;
            default -> 30;
        };
        Session session = frames.session();
        Frame frame = frames.of("Overview", "overview");
        if (!session.access().reader()) {
            return Pages.problem(frame, "Overview", "Your key cannot read signals. Sign in with a reader key.");
        }
        LocalDate last = LocalDate.now(ZoneOffset.UTC);
        LocalDate first = last.minusDays(days - 1L);
        String since = first.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        String until = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        Charts.Chart signals = Charts.perDay("Signals per day", "Russia–DPRK military signals", first, last, Map.of());
        List<Charts.Chart> topics = new ArrayList<>();
        AnalysisApi.OverviewStats stats = null;
        try {
            Map<LocalDate, Long> perDay = new HashMap<>();
            String cursor = null;
            for (int i = 0; i < PAGES; i++) {
                String c = cursor;
                AnalysisApi.Page<AnalysisApi.SignalEntry> page = calls.call("analysis-service", () -> analysis.signals(
                        session.bearer(), SignalPage.SIGNAL_TYPE, since, until, null, null, null, null, null, null, 500, c));
                for (AnalysisApi.SignalEntry s : page.items()) {
                    var at = s.published() != null ? s.published() : s.detectedAt();
                    perDay.merge(at.atZone(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum);
                }
                cursor = page.nextCursor();
                if (cursor == null) {
                    break;
                }
            }
            signals = Charts.perDay("Signals per day", "Russia–DPRK military signals", first, last, perDay);
            AnalysisApi.TopicStats perTopic = calls.call("analysis-service",
                    () -> analysis.topicStats(session.bearer(), since, until, "day"));
            Map<String, AnalysisApi.Topic> names = catalogue.topics(session);
            perTopic.topics().stream().sorted((a, b) -> Long.compare(b.total(), a.total())).forEach(series -> {
                Map<LocalDate, Long> counts = new HashMap<>();
                series.buckets().forEach(b -> counts.put(b.start().atZone(ZoneOffset.UTC).toLocalDate(), b.count()));
                AnalysisApi.Topic t = names.get(series.id());
                topics.add(Charts.perDay(t == null ? series.id() : t.name(), "Items tagged " + series.id(), first, last, counts));
            });
            stats = calls.call("analysis-service", () -> analysis.overview(session.bearer(), since, until));
        } catch (ServiceProblem p) {
            frame = frame.notice(p.notice());
        }
        return Pages.overview(frame, days, signals, topics, signals.total(), stats);
    }
}
