package org.panelwatch.console.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.panelwatch.console.client.IngestApi.Feed;
import org.panelwatch.console.client.IngestApi.FeedList;
import org.panelwatch.console.client.IngestApi.FeedRequest;
import org.panelwatch.console.client.IngestApi.PollResult;

/** ingest-service's feeds (ingest or admin keys). */
@RegisterRestClient(configKey = "ingest")
@Path("/api/v1/feeds")
@Produces(MediaType.APPLICATION_JSON)
public interface IngestClient {

    @GET
    FeedList feeds(@HeaderParam("Authorization") String auth);

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Feed create(@HeaderParam("Authorization") String auth, FeedRequest body);

    @DELETE
    @Path("{id}")
    void delete(@HeaderParam("Authorization") String auth, @PathParam("id") String id);

    @POST
    @Path("{id}/poll")
    PollResult poll(@HeaderParam("Authorization") String auth, @PathParam("id") String id);
}
