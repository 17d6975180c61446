package org.panelwatch.console.service;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.panelwatch.console.client.AlertApi;
import org.panelwatch.console.client.ServiceProblem;

/** The pages' forms as values: what the analyst typed, how it goes into a URL, how it becomes an API request. */
public final class Forms {

    private Forms() {
    }

    /** Thrown when a form that changes something arrives without its session's CSRF token. */
    public static final class CsrfRefused extends RuntimeException {
        public CsrfRefused() {
            super("missing or wrong CSRF token", null, false, false);
        }
    }

    public static void requireCsrf(Session session, String token) {
        if (!SessionStore.sameToken(session.csrfToken(), token)) {
            throw new CsrfRefused();
        }
    }

    /** The signal page's filters; every one optional, all kept in the page's URL. Dates are UTC days. */
    public record SignalFilters(String severity, String minScore, String topic, String lang, String source,
            String from, String to, String q) {

        public static SignalFilters of(String severity, String minScore, String topic, String lang, String source,
                String from, String to, String q) {
            return new SignalFilters(clean(severity), clean(minScore), clean(topic), clean(lang), clean(source),
                    clean(from), clean(to), clean(q));
        }

        public boolean any() {
            return severity != null || minScore != null || topic != null || lang != null || source != null
                    || from != null || to != null || q != null;
        }

        /** The page's own URL with these filters (and a cursor, when given). */
        public String url(String path, String cursor) {
            StringBuilder b = new StringBuilder();
            add(b, "severity", severity);
            add(b, "minScore", minScore);
            add(b, "topic", topic);
            add(b, "lang", lang);
            add(b, "source", source);
            add(b, "from", from);
            add(b, "to", to);
            add(b, "q", q);
            add(b, "cursor", cursor);
            return b.isEmpty() ? path : path + "?" + b;
        }

        /** The API's since: the start of the "from" day; errors name the page's own fields. */
        public String since(List<ServiceProblem.FieldError> errors) {
            LocalDate d = day("from", from, errors);
            return d == null ? null : d.atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        }

        /** The API's until: the end of the "to" day (the start of the next). */
        public String until(List<ServiceProblem.FieldError> errors) {
            LocalDate d = day("to", to, errors);
            return d == null ? null : d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
        }

        private static LocalDate day(String field, String value, List<ServiceProblem.FieldError> errors) {
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                errors.add(new ServiceProblem.FieldError(field, "must be a date such as 2026-11-30"));
                return null;
            }
        }
    }

    /** A subscription as its form holds it: lists as comma-separated text. */
    public record AlertForm(String name, String channelType, String url, String address, List<String> topics,
            String minScore, String keywords, String languages, String mode) {

        public static AlertForm empty() {
            return new AlertForm("", "webhook", "", "", List.of(), "", "", "", "immediate");
        }

        public static AlertForm of(AlertApi.Subscription s) {
            AlertApi.Channel c = s.channel();
            AlertApi.Filter f = s.filter();
            return new AlertForm(s.name(), c == null ? "webhook" : c.type(), c == null || c.url() == null ? "" : c.url(),
                    c == null || c.address() == null ? "" : c.address(), f == null || f.topics() == null ? List.of() : f.topics(),
                    f == null || f.minScore() == null || f.minScore() == 0 ? "" : String.valueOf(f.minScore()),
                    f == null || f.keywords() == null ? "" : String.join(", ", f.keywords()),
                    f == null || f.languages() == null ? "" : String.join(", ", f.languages()), s.mode());
        }

        public boolean hasTopic(String id) {
            return topics.contains(id);
        }

        public boolean isEmail() {
            return "email".equals(channelType);
        }

        public AlertApi.SubscriptionRequest request(Boolean active, List<ServiceProblem.FieldError> errors) {
            Double min = null;
            if (minScore != null && !minScore.isBlank()) {
                try {
                    min = Double.valueOf(minScore.strip());
                } catch (NumberFormatException e) {
                    errors.add(new ServiceProblem.FieldError("filter.minScore", "must be a number between 0 and 1"));
                }
            }
            AlertApi.Channel channel = isEmail() ? new AlertApi.Channel("email", null, clean(address))
                    : new AlertApi.Channel("webhook", clean(url), null);
            return new AlertApi.SubscriptionRequest(clean(name), channel,
                    new AlertApi.Filter(List.of("russia-dprk-military"), topics, min, list(keywords), list(languages)),
                    mode, active);
        }
    }

    public record FeedForm(String url, String name, String interval) {
        public static FeedForm empty() {
            return new FeedForm("", "", "900");
        }
    }

    static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    public static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void add(StringBuilder query, String name, String value) {
        if (value != null) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
