package org.panelwatch.analysis.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.service.FeedbackService;
import org.panelwatch.common.security.Roles;

/** The analysts' judgements as a devset that the engine can be scored against. */
@Path("/api/v1/feedback/export")
@RolesAllowed(Roles.READER)
public class FeedbackExportResource {

    /** JSON Lines, one devset item a line. */
    public static final String JSON_LINES = "application/jsonl";

    private final FeedbackService feedback;
    private final ObjectMapper json;

    public FeedbackExportResource(FeedbackService feedback, ObjectMapper json) {
        this.feedback = feedback;
        this.json = json;
    }

    @GET
    @Produces(JSON_LINES)
    @Operation(summary = "Every judged item as JSON Lines in the shared devset format (id, title, body, lang, "
            + "published, source_url, russia_dprk_military, topics), for analysis-engine/bin/evaluate --devset")
    public Response export() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        feedback.export(line -> {
            try {
                out.write(json.writeValueAsBytes(line));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return Response.ok(out.toByteArray(), JSON_LINES)
                .header("Content-Disposition", "attachment; filename=\"panelwatch-feedback.jsonl\"").build();
    }
}
