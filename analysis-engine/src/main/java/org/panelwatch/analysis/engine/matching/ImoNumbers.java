package org.panelwatch.analysis.engine.matching;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.panelwatch.analysis.engine.Analysis;

/**
 * Ships named by their IMO number ("IMO 9179842", "IMO number: 9179842", "IMO 번호 9179842"), in any
 * language, also when no gazetteer knows the ship: an analyst can follow the number. A ship's IMO number
 * has a check digit (the last digit is the sum of the first six times 7, 6, 5, 4, 3, 2, modulo 10; IMO
 * resolution A.1117(30)); seven digits that fail it are not a ship's number (the UN cites companies'
 * IMO numbers, which have none, and those the UN list entries already name).
 */
final class ImoNumbers {

    private static final Pattern IMO = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(?:IMO|ИМО)\\)?\\s*(?:number|no\\.?|nr\\.?|№|номер|번호|番号|编号|編號)?\\s*[:#]?\\s*(\\d{7})(?!\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private ImoNumbers() {
    }

    /**
     * Adds a {@code vessel} entity for each valid IMO ship number in the text that no entity found
     * already covers. {@code text} is the title, a line break and the body; {@code bodyStart} where the body starts.
     */
    static void addUnknown(String text, int bodyStart, List<Analysis.EntityMatch> entities) {
        Matcher m = IMO.matcher(text);
        while (m.find()) {
            String number = m.group(1);
            if (!valid(number)) {
                continue;
            }
            boolean title = m.start() < bodyStart;
            String field = title ? "title" : "body";
            int base = title ? 0 : bodyStart;
            int start = m.start() - base;
            int end = m.end() - base;
            boolean known = entities.stream().anyMatch(e -> e.field().equals(field) && e.start() < end && start < e.end());
            // A ship the gazetteers know by this number (its name cites it) was found already, maybe elsewhere.
            boolean again = entities.stream().anyMatch(e -> e.name().contains(number));
            if (!known && !again) {
                entities.add(new Analysis.EntityMatch("vessel", "IMO " + number, null, field, start, end));
            }
        }
    }

    static boolean valid(String number) {
        int sum = 0;
        for (int i = 0; i < 6; i++) {
            sum += (number.charAt(i) - '0') * (7 - i);
        }
        return sum % 10 == number.charAt(6) - '0';
    }
}
