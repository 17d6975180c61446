package org.panelwatch.common.problem;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Reads the typed parameters of every resource ({@code @QueryParam("limit") int limit},
 * {@code @QueryParam("subscriptionId") UUID id}) so that a value of the wrong type is a 400 naming the
 * parameter ({@link UnreadableParameterException}) instead of RESTEasy's bare 404. Path parameters
 * are left to RESTEasy: an id that cannot be read names no resource, and 404 is the right answer.
 */
@Provider
public class TypedParameters implements ParamConverterProvider {

    /** A decimal number as JSON writes it: no NaN, Infinity, hexadecimal or Java suffixes such as 1d. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private record Reading(String expectation, Function<String, Object> read) {
    }

    private static final Map<Class<?>, Reading> READINGS = Map.ofEntries(
            Map.entry(Integer.class, new Reading("must be an integer", Integer::valueOf)),
            Map.entry(int.class, new Reading("must be an integer", Integer::valueOf)),
            Map.entry(Long.class, new Reading("must be an integer", Long::valueOf)),
            Map.entry(long.class, new Reading("must be an integer", Long::valueOf)),
            Map.entry(Short.class, new Reading("must be an integer", Short::valueOf)),
            Map.entry(short.class, new Reading("must be an integer", Short::valueOf)),
            Map.entry(Double.class, new Reading("must be a finite number", TypedParameters::decimal)),
            Map.entry(double.class, new Reading("must be a finite number", TypedParameters::decimal)),
            Map.entry(Float.class, new Reading("must be a finite number", v -> ((Double) decimal(v)).floatValue())),
            Map.entry(float.class, new Reading("must be a finite number", v -> ((Double) decimal(v)).floatValue())),
            Map.entry(BigDecimal.class, new Reading("must be a number", v -> new BigDecimal(checkedDecimal(v)))),
            Map.entry(Boolean.class, new Reading("must be true or false", TypedParameters::bool)),
            Map.entry(boolean.class, new Reading("must be true or false", TypedParameters::bool)),
            Map.entry(UUID.class, new Reading("must be a UUID such as 6f1c2b7e-9d0a-4c1e-8f3b-2a5d7e9c1b40",
                    UUID::fromString)));

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        Reading reading = READINGS.get(rawType);
        String name = nameOf(annotations);
        if (reading == null || name == null) {
            return null;
        }
        return (ParamConverter<T>) new Converter(name, reading);
    }

    /** The client's name of a parameter this provider reads; null for path parameters and for anything else. */
    private static String nameOf(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            String name = declaredName(a);
            if (name != null) {
                // The Rest* annotations may leave the name to the Java parameter's, which annotations do not carry.
                return name.isEmpty() ? "a parameter" : name;
            }
        }
        return null;
    }

    private static String declaredName(Annotation a) {
        if (a instanceof QueryParam q) {
            return q.value();
        } else if (a instanceof HeaderParam h) {
            return h.value();
        } else if (a instanceof FormParam f) {
            return f.value();
        } else if (a instanceof CookieParam c) {
            return c.value();
        } else if (a instanceof MatrixParam m) {
            return m.value();
        } else if (a instanceof RestQuery q) {
            return q.value();
        } else if (a instanceof RestHeader h) {
            return h.value();
        } else if (a instanceof RestForm f) {
            return f.value();
        } else if (a instanceof RestCookie c) {
            return c.value();
        } else if (a instanceof RestMatrix m) {
            return m.value();
        }
        return null;
    }

    private static Object decimal(String value) {
        double number = Double.parseDouble(checkedDecimal(value));
        if (Double.isInfinite(number)) {
            throw new NumberFormatException("out of range");
        }
        return number;
    }

    private static String checkedDecimal(String value) {
        if (!DECIMAL.matcher(value).matches()) {
            throw new NumberFormatException("not a decimal number");
        }
        return value;
    }

    private static Object bool(String value) {
        if (value.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (value.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private record Converter(String name, Reading reading) implements ParamConverter<Object> {

        @Override
        public Object fromString(String value) {
            if (value == null) {
                return null;
            }
            try {
                return reading.read().apply(value.strip());
            } catch (RuntimeException e) {
                throw new UnreadableParameterException(name, reading.expectation());
            }
        }

        @Override
        public String toString(Object value) {
            return String.valueOf(value);
        }
    }
}
