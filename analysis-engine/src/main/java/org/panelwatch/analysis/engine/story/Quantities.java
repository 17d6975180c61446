package org.panelwatch.analysis.engine.story;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a text states (troops, shells, containers, tonnes, dead and wounded), as values, so that
 * "12,000", "12 000", "1만2000", "1万2千", "12 тыс." and "12 thousand" are the same 12000. Different
 * events on one subject usually differ in their numbers; one event's reports repeat them. Years
 * (1900-2100 standing alone) and numbers below 10 say nothing about which event it is and are left out.
 */
final class Quantities {

    // A number: thousands groups (1,000 / 1 000 / 1.000, 3-digit groups only) or digits with an optional
    // decimal part, taken whole (atomic group), then a multiplier word or nothing glued to it: a number
    // glued to Latin or Cyrillic letters is a unit or a code (152mm, 9M723), not a count. Korean,
    // Japanese and Chinese write counters right after the number (1만2000명), so those may follow.
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\p{IsLatin}\\p{IsCyrillic}\\p{N}.,])"
                    + "(?>(\\d{1,3}(?:[,\u00a0\u202f ]\\d{3})+|\\d{1,3}(?:\\.\\d{3}){2,}|\\d+(?:[.,]\\d+)?))"
                    + "(?:\\s?(million|mln|billion|bn|thousand|млн|миллион|мільйон|млрд|тыс|тысяч|тисяч|만|천|억|万|千|億|亿|百万)"
                    + "|(?![\\p{IsLatin}\\p{IsCyrillic}\\d]))",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Quantities() {
    }

    static Set<Long> in(String text) {
        return in(text, 10);
    }

    /** The numbers of at least {@code least} the text states (years left out). */
    static Set<Long> in(String text, long least) {
        Set<Long> values = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text);
        long pending = -1;      // a value ending in 만/万/억: the next number right after it adds to it
        int pendingEnd = -1;
        while (m.find()) {
            BigDecimal value = parse(m.group(1));
            String multiplier = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
            long result = value.multiply(BigDecimal.valueOf(factor(multiplier))).longValue();
            if (pending >= 0 && m.start() - pendingEnd <= 1) {
                values.remove(pending);
                result = pending + result;
                pending = -1;
            }
            if (multiplier.equals("만") || multiplier.equals("万") || multiplier.equals("억") || multiplier.equals("億")
                    || multiplier.equals("亿")) {
                pending = result;
                pendingEnd = m.end();
            } else {
                pending = -1;
            }
            boolean year = multiplier.isEmpty() && result >= 1900 && result <= 2100;
            if (result >= least && !year) {
                values.add(result);
            }
        }
        return values;
    }

    private static BigDecimal parse(String digits) {
        String d = digits.replaceAll("[\u00a0\u202f ]", "");
        if (d.matches("\\d{1,3}(,\\d{3})+") || d.matches("\\d{1,3}(\\.\\d{3}){2,}")) {
            return new BigDecimal(d.replace(",", "").replace(".", ""));
        }
        return new BigDecimal(d.replace(',', '.'));
    }

    private static long factor(String multiplier) {
        return switch (multiplier) {
            case "thousand", "тыс", "тысяч", "тисяч", "천", "千" -> 1_000L;
            case "만", "万" -> 10_000L;
            case "million", "mln", "млн", "миллион", "мільйон", "百万" -> 1_000_000L;
            case "억", "億", "亿" -> 100_000_000L;
            case "billion", "bn", "млрд" -> 1_000_000_000L;
            default -> 1L;
        };
    }
}
