package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.api.SignalListQuery;
import org.panelwatch.analysis.service.ReadService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/signals")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class SignalResource {

    private final ReadService read;
    private final Conditional conditional;

    public SignalResource(ReadService read, Conditional conditional) {
        this.read = read;
        this.conditional = conditional;
    }

    @GET
    @Operation(summary = "Signals newest first with their item, evidence and the item's topics; filters type, since/until, "
            + "minScore, severity (low|medium|high), lang, source (the outlet's name), topic (comma-separated, any), "
            + "q (words); keyset-paginated")
    public Response list(@BeanParam SignalListQuery query, @Context Request request, @Context UriInfo uri) {
        return conditional.okRecent(request, uri, () -> read.signals(query));
    }
}
