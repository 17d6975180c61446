package org.panelwatch.analysis.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Supplier;
import org.panelwatch.analysis.service.RecentAnswers;

/**
 * Answers a read with a strong ETag over the exact bytes sent, and with 304 Not Modified when the
 * client's If-None-Match already names them (RFC 9110 section 13.1.2).
 */
@ApplicationScoped
public class Conditional {

    private static final CacheControl REVALIDATE = CacheControl.valueOf("private, no-cache");

    private final ObjectMapper mapper;
    private final RecentAnswers recent;

    public Conditional(ObjectMapper mapper, RecentAnswers recent) {
        this.mapper = mapper;
        this.recent = recent;
    }

    public Response ok(Request request, Object body) {
        byte[] bytes = write(body);
        return answer(request, bytes, digest(bytes));
    }

    /** A list: the same request answered a moment ago, with nothing stored since, gets the same bytes. */
    public Response okRecent(Request request, UriInfo uri, Supplier<Object> body) {
        String key = uri.getRequestUri().getRawPath() + "?" + uri.getRequestUri().getRawQuery();
        RecentAnswers.Answer kept = recent.find(key);
        if (kept != null) {
            return answer(request, kept.body(), kept.etag());
        }
        long generation = recent.generation();
        byte[] bytes = write(body.get());
        String etag = digest(bytes);
        recent.keep(key, generation, bytes, etag);
        return answer(request, bytes, etag);
    }

    private byte[] write(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer", e);
        }
    }

    private static Response answer(Request request, byte[] bytes, String etag) {
        EntityTag tag = new EntityTag(etag);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).cacheControl(REVALIDATE).build();
        }
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).tag(tag).cacheControl(REVALIDATE).build();
    }

    private static String digest(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
