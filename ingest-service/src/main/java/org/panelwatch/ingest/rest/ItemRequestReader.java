package org.panelwatch.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.panelwatch.common.json.MalformedJson;
import org.panelwatch.common.problem.Problem.FieldError;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.ingest.config.IngestConfig;
import org.panelwatch.ingest.service.ItemSubmission;

/**
 * Reads a push body (one item, a JSON array of items, or NDJSON) into validated submissions, with
 * the contract's errors: 415 for another content type, 413 over the limits, 400 for malformed JSON,
 * and 422 listing every invalid field of every item (the batch is rejected whole).
 */
@ApplicationScoped
public class ItemRequestReader {

    private static final Logger LOG = Logger.getLogger(ItemRequestReader.class);
    private static final Set<String> NDJSON_TYPES = Set.of("application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines");
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*");
    /** java.time reaches the year one billion, PostgreSQL's timestamptz only 294276 AD (PostgreSQL manual, 8.5). */
    private static final Instant EARLIEST_PUBLISHED = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST_PUBLISHED = Instant.parse("+10000-01-01T00:00:00Z");
    private static final int MAX_TITLE = 1_000;
    private static final int MAX_URL = 2_048;
    private static final int MAX_SOURCE = 200;
    private static final int MAX_EXTERNAL_ID = 500;

    /** The items of a push; {@code single} when the body was one object (its errors carry no index). */
    public record ItemBatch(List<ItemSubmission> items, boolean single) {
    }

    private final ObjectReader json;
    private final IngestConfig config;

    public ItemRequestReader(ObjectMapper mapper, IngestConfig config) {
        this.json = mapper.readerFor(JsonNode.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.config = config;
    }

    public ItemBatch read(String contentType, byte[] body) {
        if (body.length > config.maxBodyBytes()) {
            throw ProblemException.tooLarge("The body is larger than " + config.maxBodyBytes() + " bytes.");
        }
        String type = mediaType(contentType);
        List<JsonNode> nodes;
        boolean single = false;
        if (NDJSON_TYPES.contains(type)) {
            nodes = readNdjson(body);
        } else if (type.equals(MediaType.APPLICATION_JSON) || type.endsWith("+json")) {
            JsonNode root = readJson(body);
            single = !root.isArray();
            nodes = new ArrayList<>();
            root.forEach(nodes::add);
            if (single) {
                nodes = List.of(root);
            }
        } else {
            throw ProblemException.unsupportedMediaType("Send application/json (an item or an array of items) or "
                    + "application/x-ndjson (one item per line), not " + (contentType == null ? "no content type" : contentType) + ".");
        }
        if (nodes.isEmpty()) {
            throw ProblemException.validation(List.of(new FieldError(null, "items", "must contain at least one item")));
        }
        if (nodes.size() > config.maxItemsPerRequest()) {
            throw ProblemException.tooLarge(nodes.size() + " items in one request; at most "
                    + config.maxItemsPerRequest() + " are accepted.");
        }
        List<FieldError> errors = new ArrayList<>();
        List<ItemSubmission> items = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            items.add(item(nodes.get(i), single ? null : i, errors));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        return new ItemBatch(items, single);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private JsonNode readJson(byte[] body) {
        if (isBlank(body)) {
            throw ProblemException.badRequest("The body is empty.");
        }
        try {
            return json.readValue(body);
        } catch (JsonProcessingException e) {
            LOG.debugf(e, "Malformed JSON in a push");
            throw ProblemException.badRequest("The JSON is malformed: " + MalformedJson.of(e).describe() + ".");
        } catch (IOException e) {
            // Not JSON's grammar but its encoding (a UTF-32 body that is not): the reader's words stay in the log.
            LOG.debugf(e, "Unreadable push body");
            throw ProblemException.badRequest("The body is not JSON in UTF-8.");
        }
    }

    private List<JsonNode> readNdjson(byte[] body) {
        List<JsonNode> nodes = new ArrayList<>();
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n");
        for (int line = 0; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            if (nodes.size() == config.maxItemsPerRequest()) {
                throw ProblemException.tooLarge("More than " + config.maxItemsPerRequest()
                        + " items in one request.");
            }
            try {
                nodes.add(json.readValue(lines[line]));
            } catch (JsonProcessingException e) {
                LOG.debugf(e, "Malformed JSON on line %d of an NDJSON push", line + 1);
                throw ProblemException.badRequest("The JSON is malformed: " + MalformedJson.of(e).describeOnLine(line + 1) + ".");
            }
        }
        return nodes;
    }

    private static ItemSubmission item(JsonNode node, Integer index, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(index, "item", "must be a JSON object"));
            return null;
        }
        String title = requiredText(node, "title", MAX_TITLE, index, errors);
        String body = requiredText(node, "body", Integer.MAX_VALUE, index, errors);
        String url = optionalText(node, "url", MAX_URL, index, errors);
        if (url != null && !isHttpUrl(url)) {
            errors.add(new FieldError(index, "url", "must be an absolute http(s) URL"));
        }
        Instant published = null;
        String publishedText = optionalText(node, "published", 64, index, errors);
        if (publishedText != null) {
            try {
                published = OffsetDateTime.parse(publishedText).toInstant();
                if (published.isBefore(EARLIEST_PUBLISHED) || !published.isBefore(LATEST_PUBLISHED)) {
                    errors.add(new FieldError(index, "published", "must lie between the years 1 and 9999"));
                    published = null;
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(index, "published", "must be an ISO-8601 date-time with offset, e.g. 2024-06-19T08:00:00Z"));
            }
        }
        String source = optionalText(node, "source", MAX_SOURCE, index, errors);
        String lang = optionalText(node, "lang", 35, index, errors);
        if (lang != null && !LANGUAGE_TAG.matcher(lang).matches()) {
            errors.add(new FieldError(index, "lang", "must be a language tag such as en or pt-BR"));
        }
        String externalId = node.get("externalId") != null && node.get("externalId").isNumber()
                ? node.get("externalId").asText()
                : optionalText(node, "externalId", MAX_EXTERNAL_ID, index, errors);
        String primaryLanguage = lang == null ? null : lang.split("-")[0].toLowerCase(Locale.ROOT);
        boolean fetch = false;
        JsonNode fetchNode = node.get("fetch");
        if (fetchNode != null && !fetchNode.isNull()) {
            if (!fetchNode.isBoolean()) {
                errors.add(new FieldError(index, "fetch", "must be true or false"));
            } else if (fetchNode.asBoolean() && url == null) {
                // The article page is fetched from the item's URL: asking for it without one is a mistake.
                if (!node.hasNonNull("url") || node.get("url").isTextual() && node.get("url").asText().isBlank()) {
                    errors.add(new FieldError(index, "url", "is required when fetch is true"));
                }
            } else {
                fetch = fetchNode.asBoolean();
            }
        }
        return new ItemSubmission(url, title, body, published, source, primaryLanguage, externalId, fetch);
    }

    private static String requiredText(JsonNode node, String field, int maxLength, Integer index, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            errors.add(new FieldError(index, field, "is required"));
            return null;
        }
        String text = optionalText(node, field, maxLength, index, errors);
        if (text == null && value.isTextual() && value.asText().replace("\0", "").isBlank()) {
            errors.add(new FieldError(index, field, "must not be blank"));
        }
        return text;
    }

    /** The trimmed text of a string field; null when absent, null or blank; an error when not a string or too long. */
    private static String optionalText(JsonNode node, String field, int maxLength, Integer index, List<FieldError> errors) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(index, field, "must be a string"));
            return null;
        }
        // U+0000 carries nothing a reader could see and PostgreSQL text cannot hold it (StrictJsonReading).
        String text = value.asText().replace("\0", "").strip();
        if (text.length() > maxLength) {
            errors.add(new FieldError(index, field, "must be at most " + maxLength + " characters"));
            return null;
        }
        return text.isEmpty() ? null : text;
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return uri.isAbsolute() && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
