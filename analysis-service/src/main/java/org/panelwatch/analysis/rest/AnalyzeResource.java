package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.api.AnalysisResult;
import org.panelwatch.analysis.api.AnalyzeRequest;
import org.panelwatch.analysis.service.AnalyzeService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/analyze")
@RolesAllowed(Roles.READER)
public class AnalyzeResource {

    private final AnalyzeService analyze;

    public AnalyzeResource(AnalyzeService analyze) {
        this.analyze = analyze;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The topics, entities and signals an ingested item with this text would get; nothing is stored")
    public AnalysisResult analyze(AnalyzeRequest request) {
        return analyze.analyze(request);
    }
}
