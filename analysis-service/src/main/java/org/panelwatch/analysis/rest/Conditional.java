package org.panelwatch.analysis.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Answers a read with a strong ETag over the exact bytes sent, and with 304 Not Modified when the
 * client's If-None-Match already names them (RFC 9110 section 13.1.2).
 */
@ApplicationScoped
public class Conditional {

    private static final CacheControl REVALIDATE = CacheControl.valueOf("private, no-cache");

    private final ObjectMapper mapper;

    public Conditional(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Response ok(Request request, Object body) {
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the answer", e);
        }
        EntityTag tag = new EntityTag(digest(bytes));
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
