package org.panelwatch.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A broken body is described in the API's words, with where it breaks, and never in the reader's. */
class MalformedJsonTest {

    private static final ObjectReader READER = new ObjectMapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Test
    void deepNestingNamesTheDepthItExceeds() {
        assertThat(described("[".repeat(5_000) + "]".repeat(5_000))).isEqualTo("the JSON is nested deeper than 1000 levels");
    }

    @Test
    void nonNumericNumbersAreNamed() {
        assertThat(described("{\"score\": NaN}")).isEqualTo("line 1, column 14: NaN is not a number JSON allows");
        assertThat(described("{\"score\": -Infinity}")).endsWith("-Infinity is not a number JSON allows");
        assertThat(described("{\"score\": Infinity}")).endsWith("Infinity is not a number JSON allows");
    }

    @Test
    void anUnexpectedCharacterIsPlacedByLineAndColumn() {
        assertThat(described("{\n\"title\": 1,\n  \"body\" x}"))
                .isEqualTo("line 3, column 10: unexpected character 'x': a field name must be followed by a colon");
        assertThat(described("{'title': 1}")).isEqualTo(
                "line 1, column 2: unexpected character ''': a field name must be a string in double quotes");
    }

    @Test
    void commonMistakesSayWhatJsonWants() {
        assertThat(described("{\"title\": \"x\", ")).endsWith("the JSON ends before it is complete");
        assertThat(described("{\"a\": tru}")).contains("unexpected word 'tru'");
        assertThat(described("{\"a\": 01}")).endsWith("a number starts with a zero it must not have");
        assertThat(described("{\"a\": 1} {}")).isEqualTo("line 1, column 10: the body holds more than one JSON value");
        assertThat(described("{\"a\": \"x\u0001\"}")).contains("a control character (U+0001)");
        assertThat(described("{\"a\": \"\\q\"}")).contains("\\q is not an escape JSON knows");
        assertThat(described("9".repeat(2_000))).isEqualTo("a number is longer than 1000 characters");
        assertThat(describedBytes(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'}))
                .endsWith("the body is not valid UTF-8");
    }

    @Test
    void noDescriptionNamesTheReadersInside() {
        for (String body : new String[] {"[".repeat(5_000), "{\"a\": NaN}", "{\"a\" x}", "{\"a\": 1", "{\"a\": 1} x",
                "9".repeat(2_000), "{\"a\": \"\\q\"}", "[1,]", "\"abc"}) {
            assertThat(described(body)).doesNotContain("StreamReadConstraints", "JsonReadFeature", "com.fasterxml", "java.",
                    "Exception", "`", "REDACTED", "Source");
        }
    }

    @Test
    void aLineOfNdjsonIsPlacedOnItsLineOfTheBody() {
        JsonProcessingException failure = failure("{oops".getBytes(StandardCharsets.UTF_8));
        assertThat(MalformedJson.of(failure).describeOnLine(2)).startsWith("line 2, column 2: unexpected character 'o'");
    }

    private static String described(String body) {
        return describedBytes(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String describedBytes(byte[] body) {
        return MalformedJson.of(failure(body)).describe();
    }

    private static JsonProcessingException failure(byte[] body) {
        JsonProcessingException failure = catchThrowableOfType(JsonProcessingException.class, () -> READER.readValue(body));
        assertThat(failure).as("reading %s fails", new String(body, StandardCharsets.UTF_8)).isNotNull();
        return failure;
    }
}
