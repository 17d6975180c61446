package org.panelwatch.common.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * How request bodies are read, in every service:
 * <ul>
 * <li>a body is one JSON document: {@code {...} {...}} or {@code {...} garbage} is malformed (400), not
 * the first document with the rest ignored;</li>
 * <li>no string may contain U+0000: PostgreSQL text cannot store it, so it would fail as a 500 deep in a
 * repository; here it is a 422 naming the field.</li>
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

    /** Jackson's string reading, refusing a string with a NUL character. */
    static final class TextWithoutNul extends StdScalarDeserializer<String> {

        TextWithoutNul() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && text.indexOf('\0') >= 0) {
                throw InvalidFormatException.from(parser, "a string must not contain a NUL character", text, String.class);
            }
            return text;
        }
    }
}
