package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.panelwatch.analysis.api.UnListRefresh;
import org.panelwatch.analysis.service.UnListService;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/admin/un-list/refresh")
@RolesAllowed(Roles.ADMIN)
public class UnListResource {

    private final UnListService unList;

    public UnListResource(UnListService unList) {
        this.unList = unList;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fetch the UN list now (as the schedule does): replaced, not-modified, refused or failed, and why")
    public UnListRefresh refresh() {
        return unList.refresh();
    }
}
