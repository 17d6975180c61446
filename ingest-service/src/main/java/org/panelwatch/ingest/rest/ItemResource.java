package org.panelwatch.ingest.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.panelwatch.common.problem.Problem.FieldError;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.common.security.Roles;
import org.panelwatch.ingest.messaging.Traceparent;
import org.panelwatch.ingest.rest.ItemRequestReader.ItemBatch;
import org.panelwatch.ingest.service.IngestResult;
import org.panelwatch.ingest.service.ItemIngestService;
import org.panelwatch.ingest.service.ItemIngestService.EmptyTextException;

/** The push API: items in, 202 once Kafka has them (or, for items waiting for their article page, once they are queued). */
@Path("/api/v1/items")
public class ItemResource {

    /** The 202 answer, one entry per item in request order. */
    public record ItemsAnswer(List<ItemStatus> items) {
    }

    public record ItemStatus(String id, String status) {
    }

    private final ItemRequestReader reader;
    private final ItemIngestService ingest;

    public ItemResource(ItemRequestReader reader, ItemIngestService ingest) {
        this.reader = reader;
        this.ingest = ingest;
    }

    @POST
    @RolesAllowed(Roles.INGEST)
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Push one item, a JSON array of items, or NDJSON (application/x-ndjson)")
    @RequestBody(description = "{\"url\",\"title\",\"body\",\"published\",\"source\",\"lang\",\"externalId\",\"fetch\"}; "
            + "title and body required; at most 1,000 items and 10 MiB")
    public Response push(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam("traceparent") String traceparent, byte[] body) {
        ItemBatch batch = reader.read(contentType, body == null ? new byte[0] : body);
        List<IngestResult> results;
        try {
            results = ingest.ingestPushed(batch.items(), Traceparent.continueOrStart(traceparent));
        } catch (EmptyTextException e) {
            throw ProblemException.validation(e.positions().stream()
                    .map(i -> new FieldError(batch.single() ? null : i, "body", "has no text once cleaned of markup and boilerplate"))
                    .toList());
        }
        List<ItemStatus> statuses = results.stream()
                .map(r -> new ItemStatus(r.id(), r.status().name().toLowerCase(java.util.Locale.ROOT)))
                .toList();
        return Response.accepted(new ItemsAnswer(statuses)).build();
    }
}
