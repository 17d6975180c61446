package org.panelwatch.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.panelwatch.common.problem.ProblemException;
import org.panelwatch.common.security.Roles;
import org.panelwatch.ingest.repository.Feed;
import org.panelwatch.ingest.service.FeedService;
import org.panelwatch.ingest.service.PollOutcome;

/** The feed API of the contract: add, list, read, remove, and poll now. */
@Path("/api/v1/feeds")
@RolesAllowed(Roles.INGEST)
@Produces(MediaType.APPLICATION_JSON)
public class FeedResource {

    public record FeedRequest(String url, String name, Integer pollIntervalSeconds) {
    }

    public record FeedView(String id, String url, String name, int pollIntervalSeconds, Instant createdAt,
            Instant lastPolledAt, String lastStatus, String lastError, long itemsSeen, int consecutiveFailures,
            Instant nextPollAt, String kind, String query, String sourceId, boolean enabled, boolean summaryOnly,
            Instant lastSuccessAt, Instant lastErrorAt) {

        static FeedView of(Feed feed) {
            return new FeedView(feed.id.toString(), feed.url, feed.name, feed.pollIntervalSeconds, feed.createdAt,
                    feed.lastPolledAt, feed.lastStatus, feed.lastError, feed.itemsSeen, feed.consecutiveFailures,
                    feed.nextPollAt, feed.kind, feed.query, feed.sourceId, feed.enabled, feed.summaryOnly,
                    feed.lastSuccessAt, feed.lastErrorAt);
        }
    }

    public record FeedList(List<FeedView> items) {
    }

    /** {@code error} is always present (null unless the poll failed), as the contract lists it. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PollAnswer(@JsonProperty("new") int newItems, int duplicate, String status, String error) {
    }

    private final FeedService feeds;

    public FeedResource(FeedService feeds) {
        this.feeds = feeds;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a feed: {url, name, pollIntervalSeconds}")
    @APIResponse(responseCode = "201", description = "The feed",
            content = @Content(schema = @Schema(implementation = FeedView.class)),
            headers = @Header(name = "Location", description = "The new feed's URL"))
    public Response create(FeedRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.badRequest("A JSON body {url, name, pollIntervalSeconds} is required.");
        }
        Feed feed = feeds.create(request.url(), request.name(), request.pollIntervalSeconds());
        return Response.created(uri.getAbsolutePathBuilder().path(feed.id.toString()).build())
                .entity(FeedView.of(feed)).build();
    }

    @GET
    @Operation(summary = "Every feed with its last poll")
    public FeedList list() {
        return new FeedList(feeds.list().stream().map(FeedView::of).toList());
    }

    @GET
    @Path("/{id}")
    public FeedView get(@PathParam("id") String id) {
        return FeedView.of(feeds.get(feedId(id)));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        feeds.delete(feedId(id));
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/poll")
    @Operation(summary = "Poll the feed now")
    public PollAnswer poll(@PathParam("id") String id) {
        PollOutcome outcome = feeds.poll(feedId(id));
        return new PollAnswer(outcome.newItems(), outcome.duplicates(), outcome.status().label(), outcome.error());
    }

    private static UUID feedId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No feed " + id);
        }
    }
}
