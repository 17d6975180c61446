package org.panelwatch.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * The corpus of hostile input: whole bodies that no JSON door may accept, values put into every field
 * of an otherwise valid body, and values put into every query parameter and path id. Taken from what
 * scanners and fuzzers send first (OWASP testing guide: SQL injection, XSS, path traversal, format
 * strings) and from what breaks parsers and databases (nesting, sizes, encodings, NUL, lone
 * surrogates, numbers out of range).
 */
public final class HostileInput {

    /**
     * A whole request body and its content type; {@code refused} when every JSON door must answer 4xx, and
     * {@code status} the contract's answer when it fixes one (400 malformed JSON, 413 over the limit, 415
     * wrong content type), else 0.
     */
    public record Body(String name, String contentType, byte[] bytes, boolean chunked, boolean refused, int status) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A JSON value (the raw token, so it can hold what a JSON library would not write) for one field. */
    public record FieldValue(String name, byte[] json, String text) {
        /** The value as a client would read it back, when it is a plain string; null otherwise. */
        public boolean plainText() {
            return text != null;
        }
    }

    /** A query parameter or path value, already percent-encoded as it goes on the wire. */
    public record WireValue(String name, String encoded) {
    }

    public static final int MIB = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PLACEHOLDER = "@@hostile@@";
    private static final byte[] FIFTY_MEGABYTES = fiftyMegabytes();

    /** Free text an attacker tries in every field and parameter. */
    public static final List<String> TEXTS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE items; --",
            "1'); DELETE FROM analysis.items; DELETE FROM ingest.feeds; --",
            "\" OR \"\"=\"",
            "1 UNION SELECT usename, passwd FROM pg_shadow --",
            "'; SELECT pg_sleep(30); --",
            "$$; TRUNCATE alert.subscriptions CASCADE; $$",
            "<script>alert(document.cookie)</script>",
            "\"><img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "{{7*7}} ${7*7} #{7*7} ${jndi:ldap://127.0.0.1:1/x}",
            "../../../../../../etc/passwd",
            "%s%s%s%s%n",
            "% _ * \\ ( [ { ^ $ | ? +",
            "(((((((((((((((((((((((((a",
            "\u202egnp.exe \uD83D\uDCA5 Z\u0351\u0360\u0363a\u0350\u0364lgo",
            "   ");

    private HostileInput() {
    }

    /** Bodies for every JSON door (to which a body template adds the field values below). */
    public static List<Body> bodies(byte[] validBody) {
        List<Body> bodies = new ArrayList<>();
        bodies.add(json("malformed JSON (cut off)", "{\"title\": \"cut\", \"body\": ", 400));
        bodies.add(json("malformed JSON (single quotes, trailing comma)", "{'title': 'x', 'body': 'y',}", 400));
        bodies.add(json("not JSON at all", "hello, this is not JSON", 400));
        bodies.add(json("an empty body", "", 0));
        bodies.add(json("only whitespace", " \n\t ", 0));
        bodies.add(json("JSON null", "null", 0));
        bodies.add(json("a JSON number", "42", 0));
        bodies.add(json("a JSON string", "\"a string\"", 0));
        bodies.add(json("JSON true", "true", 0));
        bodies.add(json("two documents", "{\"title\":\"a\",\"body\":\"b\"} {\"title\":\"c\",\"body\":\"d\"}", 400));
        // Where the door binds an object, an array is the wrong type (422) before it is too deep (400): either is right.
        bodies.add(json("arrays nested 100,000 deep", "[".repeat(100_000) + "]".repeat(100_000), 0));
        bodies.add(json("objects nested 100,000 deep", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000), 400));
        bodies.add(json("unclosed arrays 100,000 deep", "[".repeat(100_000), 0));
        bodies.add(json("a number with 100,000 digits", "9".repeat(100_000), 400));
        bodies.add(new Body("invalid UTF-8 bytes", "application/json", concat(
                "{\"title\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xC0, (byte) 0xAF},
                "\",\"body\":\"x\"}".getBytes(StandardCharsets.UTF_8)), false, true, 400));
        bodies.add(new Body("UTF-16 bytes declared as JSON", "application/json",
                "{\"title\":\"x\"".getBytes(StandardCharsets.UTF_16LE), false, true, 400));
        bodies.add(new Body("50 MB body (Content-Length)", "application/json", FIFTY_MEGABYTES, false, true, 413));
        bodies.add(new Body("50 MB body (chunked, no length)", "application/json", FIFTY_MEGABYTES, true, true, 413));
        bodies.add(new Body("a valid body as text/plain", "text/plain", validBody, false, true, 415));
        bodies.add(new Body("a valid body as application/xml", "application/xml", validBody, false, true, 415));
        bodies.add(new Body("a form", "application/x-www-form-urlencoded",
                "title=%27+OR+1%3D1&body=x".getBytes(StandardCharsets.UTF_8), false, true, 415));
        bodies.add(new Body("multipart", "multipart/form-data; boundary=xyz",
                "--xyz\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--xyz--\r\n".getBytes(StandardCharsets.UTF_8),
                false, true, 415));
        bodies.add(new Body("XML with an external entity", "application/xml",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"
                        .getBytes(StandardCharsets.UTF_8), false, true, 415));
        bodies.add(new Body("no content type", null, validBody, false, true, 415));
        bodies.add(new Body("a content type that is not one", "not/a/type;;;=", validBody, false, true, 0));
        // A charset the server does not know, on an otherwise valid body: refused or read as UTF-8, never 5xx.
        bodies.add(new Body("a valid body with charset=bogus", "application/json; charset=x-bogus-42", validBody, false, false, 0));
        bodies.add(new Body("a valid body with charset=UTF-16", "application/json; charset=UTF-16", validBody, false, false, 0));
        return bodies;
    }

    /** Values for each field of a valid body: strings from {@link #TEXTS}, and what is not a string. */
    public static List<FieldValue> fieldValues() {
        List<FieldValue> values = new ArrayList<>();
        for (String text : TEXTS) {
            values.add(new FieldValue(text, jsonString(text), text));
        }
        values.add(new FieldValue("the year 999,999,999", jsonString("+999999999-12-31T23:59:59Z"), null));
        values.add(new FieldValue("the year -999,999,999", jsonString("-999999999-01-01T00:00:00Z"), null));
        values.add(new FieldValue("a NUL character", "\"nul\\u0000byte\"".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("a lone surrogate", "\"lone \\ud800 surrogate\"".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("reversed surrogates", "\"\\udfff\\ud800\"".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("C0 control characters", "\"\\u0001\\u0007\\u001b[31m\\b\\f\"".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("invalid UTF-8 inside the string", concat("\"bad ".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xFF}, "\"".getBytes(StandardCharsets.UTF_8)), null));
        values.add(new FieldValue("a 200,000-character string", jsonString("x".repeat(200_000)), null));
        values.add(new FieldValue("an empty string", jsonString(""), null));
        values.add(new FieldValue("a number", "12345".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("a negative number", "-1".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("1e999999", "1e999999".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("-1e999999", "-1e999999".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("2^64", "18446744073709551616".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("a 2,000-digit number", "9".repeat(2_000).getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("true", "true".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("null", "null".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("an array", "[\"' OR 1=1 --\", 1, null]".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("an object", "{\"$ne\": null, \"$where\": \"1==1\"}".getBytes(StandardCharsets.UTF_8), null));
        values.add(new FieldValue("arrays nested 5,000 deep", ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8), null));
        return values;
    }

    /** Values for every query parameter. */
    public static List<WireValue> queryValues() {
        List<WireValue> values = new ArrayList<>();
        for (String text : TEXTS) {
            values.add(encoded(text));
        }
        for (String number : List.of("-1", "0", "-0", "2147483648", "-2147483649", "99999999999999999999999", "NaN", "Infinity",
                "-Infinity", "1e309", "0x10", "1.5", "abc", "")) {
            values.add(encoded(number));
        }
        for (String time : List.of("+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z", "0000-01-01",
                "9999-12-31T23:59:59Z", "2024-02-30", "2024-13-01T00:00:00Z", "1e10", "2024-06-19T08:00:00+99:00")) {
            values.add(encoded(time));
        }
        for (String cursor : List.of("1|31556889864403199|999999999|00000000-0000-0000-0000-000000000000",
                "1|-31557014167219200|0|00000000-0000-0000-0000-000000000000", "1|1|1|' OR 1=1 --", "1|9e99|x|y",
                "2|0|0|00000000-0000-0000-0000-000000000000")) {
            values.add(new WireValue("cursor " + cursor, Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(cursor.getBytes(StandardCharsets.UTF_8))));
        }
        values.add(new WireValue("not base64", "!!!***~~~"));
        values.add(new WireValue("a NUL byte", "a%00b"));
        values.add(new WireValue("invalid UTF-8 (%FF%FE)", "%FF%FE"));
        values.add(new WireValue("an encoded surrogate (%ED%A0%80)", "%ED%A0%80"));
        values.add(new WireValue("CRLF header injection", "x%0D%0ASet-Cookie:%20pwned=1"));
        values.add(new WireValue("3,000 characters", "a".repeat(3_000)));
        values.add(new WireValue("300 comma-separated ids", String.join(",", java.util.Collections.nCopies(300, "arms-transfer"))));
        return values;
    }

    /** Values in place of a path id. */
    public static List<WireValue> pathIds() {
        List<WireValue> values = new ArrayList<>();
        values.add(new WireValue("not a UUID", "not-a-uuid"));
        values.add(new WireValue("the nil UUID", "00000000-0000-0000-0000-000000000000"));
        values.add(new WireValue("an unknown UUID", "6f1c2b7e-9d0a-4c1e-8f3b-2a5d7e9c1b40"));
        values.add(new WireValue("a UUID with junk", "6f1c2b7e-9d0a-4c1e-8f3b-2a5d7e9c1b40'%20OR%20'1'='1"));
        values.add(new WireValue("a negative number", "-1"));
        values.add(new WireValue("a huge number", "99999999999999999999999"));
        values.add(encoded("' OR '1'='1"));
        values.add(encoded("<script>alert(1)</script>"));
        values.add(new WireValue("an encoded traversal", "..%2F..%2F..%2Fetc%2Fpasswd"));
        values.add(new WireValue("a NUL byte", "a%00b"));
        values.add(new WireValue("invalid UTF-8", "%FF%FE"));
        values.add(new WireValue("1,000 characters", "a".repeat(1_000)));
        return values;
    }

    /**
     * The valid {@code template} with one field (a dotted path; {@code []} for a list's first element)
     * replaced by the raw JSON of {@code value}.
     */
    public static byte[] withField(Object template, String field, FieldValue value) {
        Object copy = JSON.convertValue(template, Object.class);
        put(copy, field, PLACEHOLDER);
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        byte[] marker = ("\"" + PLACEHOLDER + "\"").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(json, marker);
        return concat(Arrays.copyOfRange(json, 0, at), value.json(), Arrays.copyOfRange(json, at + marker.length, json.length));
    }

    @SuppressWarnings("unchecked")
    private static void put(Object node, String field, Object value) {
        String[] parts = field.split("\\.", 2);
        String name = parts[0];
        boolean element = name.endsWith("[]");
        String key = element ? name.substring(0, name.length() - 2) : name;
        Object target = node instanceof List<?> list ? list.get(0) : node;
        java.util.Map<String, Object> map = (java.util.Map<String, Object>) target;
        if (parts.length == 1) {
            if (element) {
                map.put(key, new ArrayList<>(List.of(value)));
            } else {
                map.put(key, value);
            }
            return;
        }
        Object child = map.computeIfAbsent(key, k -> new java.util.LinkedHashMap<String, Object>());
        put(child, parts[1], value);
    }

    public static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Body json(String name, String text, int status) {
        return new Body(name, "application/json", text.getBytes(StandardCharsets.UTF_8), false, true, status);
    }

    private static byte[] jsonString(String text) {
        return json(text);
    }

    private static WireValue encoded(String text) {
        String name = text.length() > 40 ? text.substring(0, 40) + "…" : text;
        return new WireValue(name.isEmpty() ? "(empty)" : name, URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static byte[] fiftyMegabytes() {
        byte[] head = "{\"title\":\"big\",\"body\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[50 * MIB];
        Arrays.fill(body, (byte) 'a');
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(tail, 0, body, body.length - tail.length, tail.length);
        return body;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("placeholder not found");
    }
}
