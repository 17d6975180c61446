package org.panelwatch.common.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What is wrong with a JSON body, said in the API's words ("line 3, column 7: unexpected character
 * 'x'") rather than the reader's, whose messages name its classes and settings. The reader's own
 * message belongs in the log; {@link #problem()} is for the client. The phrases follow RFC 8259, the
 * JSON grammar a client can look up.
 */
public record MalformedJson(String problem, int line, int column) {

    private static final Pattern LIMIT = Pattern.compile("maximum allowed \\((\\d+)");
    private static final Pattern TOKEN = Pattern.compile("^(?:Non-standard|Unrecognized) token '([^']*)'");
    private static final Pattern CHARACTER = Pattern.compile("^Unexpected character \\('(.)' \\(code (\\d+)\\)\\)");
    private static final Pattern CONTROL = Pattern.compile("^Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.)'");
    private static final int LONGEST_QUOTE = 40;

    /** The reader's failure, in the API's words; line and column are 0 when the reader does not know them. */
    public static MalformedJson of(JsonProcessingException failure) {
        JsonLocation at = failure.getLocation();
        int line = at == null || at.getLineNr() < 1 ? 0 : at.getLineNr();
        int column = at == null || at.getColumnNr() < 1 ? 0 : at.getColumnNr();
        return new MalformedJson(problemOf(failure), line, column);
    }

    /** The problem with where it is, as far as known: {@code "line 3, column 7: unexpected character 'x'"}. */
    public String describe() {
        if (line == 0) {
            return problem;
        }
        return "line " + line + (column == 0 ? "" : ", column " + column) + ": " + problem;
    }

    /** For a document that is one line of a larger body (NDJSON), placed on that line. */
    public String describeOnLine(int bodyLine) {
        return "line " + bodyLine + (column == 0 ? "" : ", column " + column) + ": " + problem;
    }

    private static String problemOf(JsonProcessingException failure) {
        String message = String.valueOf(failure.getOriginalMessage());
        if (failure instanceof StreamConstraintsException) {
            return limitExceeded(message);
        }
        if (failure instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            return "the JSON ends before it is complete";
        }
        if (message.startsWith("Trailing token")) {
            return "the body holds more than one JSON value";
        }
        if (message.startsWith("No content to map")) {
            return "the body is empty";
        }
        if (message.startsWith("Invalid UTF-8") || message.startsWith("Invalid UTF-32")) {
            return "the body is not valid UTF-8";
        }
        Matcher token = TOKEN.matcher(message);
        if (token.find()) {
            String word = token.group(1);
            if (word.matches("[-+]?(NaN|Infinity|INF)")) {
                return word + " is not a number JSON allows";
            }
            return "unexpected word '" + quote(word) + "': a value is a string in double quotes, a number, an object,"
                    + " an array, true, false or null";
        }
        Matcher character = CHARACTER.matcher(message);
        if (character.find()) {
            int code = Integer.parseInt(character.group(2));
            return "unexpected character " + (Character.isISOControl(code) ? unicode(code) : "'" + character.group(1) + "'")
                    + expectation(message);
        }
        Matcher control = CONTROL.matcher(message);
        if (control.find()) {
            return "a control character (" + unicode(Integer.parseInt(control.group(1)))
                    + ") inside a string must be written as an escape such as \\n or \\u0001";
        }
        Matcher escape = ESCAPE.matcher(message);
        if (escape.find()) {
            return "\\" + escape.group(1) + " is not an escape JSON knows (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
        }
        if (message.startsWith("Invalid numeric value") || message.startsWith("Numeric value")) {
            return message.contains("Leading zeroes") ? "a number starts with a zero it must not have"
                    : "a number is not written the way JSON writes numbers";
        }
        return "the JSON cannot be read here";
    }

    private static String limitExceeded(String message) {
        Matcher limit = LIMIT.matcher(message);
        String most = limit.find() ? limit.group(1) : null;
        if (message.contains("nesting depth")) {
            return most == null ? "the JSON is nested too deeply" : "the JSON is nested deeper than " + most + " levels";
        }
        if (message.startsWith("Number value length")) {
            return most == null ? "a number has too many digits" : "a number is longer than " + most + " characters";
        }
        if (message.startsWith("String value length")) {
            return most == null ? "a string is too long" : "a string is longer than " + most + " characters";
        }
        if (message.startsWith("Name length")) {
            return most == null ? "a field name is too long" : "a field name is longer than " + most + " characters";
        }
        return "the JSON document is larger than this service reads";
    }

    /** What the grammar wanted instead, for the mistakes people make by hand. */
    private static String expectation(String message) {
        if (message.contains("double-quote to start field name")) {
            return ": a field name must be a string in double quotes";
        }
        if (message.contains("a colon to separate")) {
            return ": a field name must be followed by a colon";
        }
        if (message.contains("comma to separate")) {
            return ": values must be separated by commas";
        }
        if (message.contains("expected a valid value")) {
            return ": a value was expected here";
        }
        return "";
    }

    private static String unicode(int code) {
        return String.format("U+%04X", code);
    }

    private static String quote(String word) {
        return word.length() <= LONGEST_QUOTE ? word : word.substring(0, LONGEST_QUOTE) + "…";
    }
}
