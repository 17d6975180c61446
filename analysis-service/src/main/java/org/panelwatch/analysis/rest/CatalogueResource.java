package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.service.CatalogueCheck;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/admin/catalogue/validate")
@RolesAllowed(Roles.ADMIN)
public class CatalogueResource {

    private final CatalogueCheck check;

    public CatalogueResource(CatalogueCheck check) {
        this.check = check;
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a catalogue file (YAML) before deploying it: 200 with its summary, or 422 naming the bad rule")
    public CatalogueCheck.Result validate(String yaml) {
        return check.validate(yaml);
    }
}
