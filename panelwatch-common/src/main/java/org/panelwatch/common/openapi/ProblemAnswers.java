package org.panelwatch.common.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.panelwatch.common.problem.Problem;

/**
 * Documents in every service's OpenAPI the error answers every operation can give, each an
 * {@code application/problem+json} {@code Problem} (RFC 9457): 400 (an unreadable request), 401 and
 * 403 (when the operation needs a key), 404 (when the path names something), 413 and 415 (when it
 * takes a body), 422 (when it takes a body or query parameters), 500 and 503 (the database or the
 * broker unavailable). An answer an operation already documents keeps its description and gets the
 * problem body if it had none. No service limits rates, so none answers 429.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemAnswers implements OASFilter {

    static final String SCHEMA = "Problem";
    private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                document(path, item, entry.getValue(), securedByDefault);
            }
        });
    }

    private static void document(String path, PathItem item, Operation operation, boolean securedByDefault) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("400", "The request cannot be read: malformed JSON, a parameter of the wrong type, %00 in the URL.");
        if (secured(operation, securedByDefault)) {
            answers.put("401", "No valid API key: Authorization: Bearer <key>.");
            answers.put("403", "This API key's role may not do this.");
            if (path.startsWith("/api/")) {
                answers.put("429", "This API key has sent more requests than its allowance; retry after Retry-After seconds.");
            }
        }
        if (path.contains("{")) {
            answers.put("404", "Nothing with this id, or not for this key.");
        }
        boolean body = operation.getRequestBody() != null;
        if (body) {
            answers.put("413", "The body is larger than the limit.");
            answers.put("415", "The body is not of a type this operation reads.");
        }
        if (body || hasQueryParameters(item, operation)) {
            answers.put("422", "A field or parameter is invalid; errors lists each one.");
        }
        answers.put("500", "The service failed; its log says why.");
        answers.put("503", "The database or the broker is unavailable for the moment; retry after Retry-After seconds.");
        APIResponses responses = operation.getResponses();
        answers.forEach((status, description) -> {
            APIResponse existing = responses.getAPIResponse(status);
            if (existing == null) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description).content(problem()));
            } else if (existing.getRef() == null && (existing.getContent() == null || existing.getContent().getMediaTypes() == null
                    || existing.getContent().getMediaTypes().isEmpty())) {
                existing.setContent(problem());
            }
        });
    }

    private static boolean secured(Operation operation, boolean securedByDefault) {
        // An empty list marks an operation open to anyone (the OpenAPI way of overriding the document's default).
        return operation.getSecurity() == null ? securedByDefault : !operation.getSecurity().isEmpty();
    }

    private static boolean hasQueryParameters(PathItem item, Operation operation) {
        return isQuery(operation.getParameters()) || isQuery(item.getParameters());
    }

    private static boolean isQuery(List<Parameter> parameters) {
        return parameters != null && parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
    }

    private static Content problem() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA_REF)));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One failed check; index is the item's position in a batch, absent for a single object.")
                .addProperty("index", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("field", text)
                .addProperty("message", text);
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail, the body of every 4xx and 5xx answer.")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("type", "title", "status"));
    }
}
