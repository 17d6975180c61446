package org.panelwatch.analysis.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.panelwatch.common.problem.Problem;
import org.panelwatch.common.problem.ProblemException;

/**
 * Reads and checks query parameters, collecting every failure so that one 422 names them all.
 * A value that cannot be read at all (a date that is not a date) is a 400.
 */
final class Params {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*");

    private final List<Problem.FieldError> errors = new ArrayList<>();

    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                instant = LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw ProblemException.badRequest(name + " must be an ISO-8601 time such as 2026-11-24T10:00:00Z, or a date");
            }
        }
        if (!storable(instant)) {
            throw ProblemException.badRequest(name + " must lie between the years 1 and 9999");
        }
        return instant;
    }

    /**
     * Whether PostgreSQL can hold the time: java.time reaches the year one billion, timestamptz only
     * 4713 BC to 294276 AD (PostgreSQL manual, 8.5). Years 1 to 9999 are more than any news item needs.
     */
    static boolean storable(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(LATEST);
    }

    static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be an integer");
        }
    }

    static Double number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest(name + " must be a number");
        }
    }

    /**
     * A number from 0 to 1, such as a score. Double.valueOf reads "NaN" and "Infinity" too; NaN is no
     * number and lies in no range, so the check is written to fail for it ({@code NaN < 0} and
     * {@code NaN > 1} are both false).
     */
    Double fraction(String name, String value) {
        Double number = number(name, value);
        if (number != null && !(number >= 0 && number <= 1)) {
            fail(name, "must be between 0 and 1");
        }
        return number;
    }

    int limit(String value) {
        Integer limit = integer("limit", value);
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            fail("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    String id(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!ID.matcher(v).matches()) {
            fail(field, "'" + v + "' is not an id (lower-case letters, digits and dashes)");
        }
        return v;
    }

    String lang(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!LANG.matcher(v).matches()) {
            fail("lang", "must be a language tag such as en or ru");
        }
        return v.toLowerCase(java.util.Locale.ROOT);
    }

    void fail(String field, String message) {
        errors.add(new Problem.FieldError(null, field, message));
    }

    void check() {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
