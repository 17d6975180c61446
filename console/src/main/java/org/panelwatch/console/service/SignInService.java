package org.panelwatch.console.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.panelwatch.console.client.AlertClient;
import org.panelwatch.console.client.AnalysisClient;
import org.panelwatch.console.client.IngestClient;
import org.panelwatch.console.client.ServiceCalls;
import org.panelwatch.console.client.ServiceProblem;

/**
 * Finds what a key may do by asking each service one cheap question it answers only for the right
 * role; an admin key is the one every service accepts. Keys are never stored anywhere but the session.
 */
@ApplicationScoped
public class SignInService {

    /** Why a sign-in did not open a session. */
    public enum Refusal { WRONG_KEY, SERVICES_DOWN }

    public record Outcome(Session session, Refusal refusal) {
    }

    private final AnalysisClient analysis;
    private final IngestClient ingest;
    private final AlertClient alert;
    private final ServiceCalls calls;
    private final SessionStore sessions;

    public SignInService(@RestClient AnalysisClient analysis, @RestClient IngestClient ingest,
            @RestClient AlertClient alert, ServiceCalls calls, SessionStore sessions) {
        this.analysis = analysis;
        this.ingest = ingest;
        this.alert = alert;
        this.calls = calls;
        this.sessions = sessions;
    }

    public Outcome signIn(String key) {
        String k = key == null ? "" : key.strip();
        if (k.isEmpty() || k.length() > 500) {
            return new Outcome(null, Refusal.WRONG_KEY);
        }
        String bearer = "Bearer " + k;
        Optional<Boolean> reader = accepted("analysis-service", () -> analysis.topics(bearer));
        Optional<Boolean> feeds = accepted("ingest-service", () -> ingest.feeds(bearer));
        Optional<Boolean> subscriptions = accepted("alert-service", () -> alert.subscriptions(bearer));
        boolean r = reader.orElse(false);
        boolean i = feeds.orElse(false);
        boolean s = subscriptions.orElse(false);
        Access access = new Access(r, i, s, r && i && s);
        boolean allAnswered = reader.isPresent() && feeds.isPresent() && subscriptions.isPresent();
        if (access.any()) {
            Session session = sessions.open(k, access);
            if (!allAnswered) {
                // A service that did not answer could not say what the key may do there: the session
                // has less than the key may do (an admin key would otherwise look like a narrower one
                // without a word), and the first page says so.
                List<String> silent = new ArrayList<>();
                reader.ifPresentOrElse(x -> { }, () -> silent.add("analysis-service (signals, items, overview)"));
                feeds.ifPresentOrElse(x -> { }, () -> silent.add("ingest-service (feeds)"));
                subscriptions.ifPresentOrElse(x -> { }, () -> silent.add("alert-service (alerts)"));
                session.flash("Not every service answered when you signed in: " + String.join(", ", silent)
                        + ". The pages that need it stay closed to this session; sign out and in again when it is back.");
            }
            return new Outcome(session, null);
        }
        return new Outcome(null, allAnswered ? Refusal.WRONG_KEY : Refusal.SERVICES_DOWN);
    }

    /** true: the service took the key; false: it refused it; empty: it did not answer. */
    private Optional<Boolean> accepted(String service, Runnable question) {
        try {
            calls.run(service, question);
            return Optional.of(true);
        } catch (ServiceProblem p) {
            return p.kind() == ServiceProblem.Kind.REFUSED ? Optional.of(false) : Optional.empty();
        }
    }
}
