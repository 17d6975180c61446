package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.service.CatalogueInfoService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class CatalogueInfoResource {

    private final CatalogueInfoService info;
    private final Conditional conditional;

    public CatalogueInfoResource(CatalogueInfoService info, Conditional conditional) {
        this.info = info;
        this.conditional = conditional;
    }

    @GET
    @Operation(summary = "What items are tagged with: the catalogue's version and the UN 1718 list's date, size, "
            + "source and last refresh")
    public Response get(@Context Request request) {
        return conditional.ok(request, info.info());
    }
}
