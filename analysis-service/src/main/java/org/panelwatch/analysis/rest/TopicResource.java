package org.panelwatch.analysis.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.panelwatch.analysis.service.TopicCatalogue;
import org.panelwatch.common.security.Roles;

@Path("/api/v1/topics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.READER)
public class TopicResource {

    private final TopicCatalogue catalogue;

    public TopicResource(TopicCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    public List<TopicCatalogue.Topic> list() {
        return catalogue.topics();
    }
}
