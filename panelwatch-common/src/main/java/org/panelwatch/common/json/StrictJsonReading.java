package org.panelwatch.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * How request bodies are read, in every service:
 * <ul>
 * <li>a body is one JSON document: {@code {...} {...}} or {@code {...} garbage} is malformed (400), not
 * the first document with the rest ignored;</li>
 * <li>U+0000 is removed from every string read, in REST bodies and Kafka records alike: PostgreSQL text
 * cannot store it (a 500 deep in a repository, or a record the consumer cannot keep), and it carries
 * nothing a reader could see (the analysis consumer's rule for title and text, now for every field).</li>
 * </ul>
 * Jackson's own limits (StreamReadConstraints: nesting depth 1,000, numbers of 1,000 digits) already
 * bound the rest.
 */
@Singleton
public class StrictJsonReading implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.registerModule(new SimpleModule("panelwatch-strict-json").addDeserializer(String.class, new TextWithoutNul()));
    }

    /** Jackson's string reading, without NUL characters. */
    static final class TextWithoutNul extends StdScalarDeserializer<String> {

        TextWithoutNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            return text != null && text.indexOf('\0') >= 0 ? text.replace("\0", "") : text;
        }
    }
}
