package org.panelwatch.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Answers with problem+json where the HTTP layer answers before any resource runs: a request line or
 * headers over the limits (414, 431; see {@link HttpLimits}), a path no resource serves (404), a body
 * over the limit (413: declared by Content-Length, or counted while a chunked body arrives), a body
 * without a content type (415), and failures of Vert.x handlers.
 */
@ApplicationScoped
public class ProblemRoutes {

    /** Each header line's ": " and CRLF, counted as Netty counts a header block. */
    private static final int HEADER_LINE_OVERHEAD = 4;

    private final ObjectMapper mapper;
    private final HttpLimits limits;
    private final long maxBodyBytes;
    private final BodyHandler chunkedBodies;

    public ProblemRoutes(ObjectMapper mapper, HttpLimits limits) {
        this.mapper = mapper;
        this.limits = limits;
        this.maxBodyBytes = limits.maxBodyBytes();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::screenRequest);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
        router.route().last().handler(ctx -> write(ctx, Problem.of(404, "Not Found",
                "No resource at " + ctx.request().path())));
    }

    private void screenRequest(RoutingContext ctx) {
        if (requestLineLength(ctx.request()) > limits.maxRequestLineLength()) {
            ctx.request().pause();
            write(ctx, Problem.of(414, "URI Too Long", "The request line is longer than "
                    + limits.maxRequestLineLength() + " characters; send fewer or shorter query parameters."));
            return;
        }
        if (headerBytes(ctx.request()) > limits.maxHeaderBytes()) {
            ctx.request().pause();
            write(ctx, Problem.of(431, "Request Header Fields Too Large", "The headers are larger than "
                    + limits.maxHeaderBytes() + " bytes."));
            return;
        }
        if (hasEncodedNul(ctx.request().uri())) {
            // PostgreSQL text cannot hold U+0000 and no id, word or time contains one: refuse it before it reaches a query.
            ctx.request().pause();
            write(ctx, Problem.of(400, "Bad Request", "The URL contains a NUL character (%00)."));
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = length == null && ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        boolean hasBody = chunked;
        if (length != null) {
            try {
                long declared = Long.parseLong(length.trim());
                if (declared > maxBodyBytes) {
                    ctx.request().pause();
                    write(ctx, Problem.of(413, "Content Too Large",
                            "The body is larger than " + maxBodyBytes + " bytes."));
                    return;
                }
                hasBody = declared > 0;
            } catch (NumberFormatException e) {
                write(ctx, Problem.of(400, "Bad Request", "Content-Length is not a number."));
                return;
            }
        }
        if (hasBody && ctx.request().getHeader(HttpHeaders.CONTENT_TYPE) == null) {
            // RFC 9110 section 8.3: without a type the body could be anything; every door here takes JSON.
            ctx.request().pause();
            write(ctx, Problem.of(415, "Unsupported Media Type",
                    "The body has no Content-Type; send application/json."));
            return;
        }
        if (chunked) {
            // A chunked body declares no length: count it as it arrives. Past the limit the body handler
            // fails the request with 413, which failure() answers as a problem; below it, the resource reads
            // the body the handler has buffered.
            chunkedBodies.handle(ctx);
            return;
        }
        ctx.next();
    }

    /** As the client sent it: {@code GET /api/v1/items?q=x HTTP/1.1}. */
    private static int requestLineLength(HttpServerRequest request) {
        return request.method().name().length() + 1 + request.uri().length() + 1 + "HTTP/1.1".length();
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + header.getValue().length() + HEADER_LINE_OVERHEAD;
        }
        return bytes;
    }

    private static boolean hasEncodedNul(String uri) {
        for (int i = uri.indexOf('%'); i >= 0 && i + 2 < uri.length(); i = uri.indexOf('%', i + 1)) {
            if (uri.charAt(i + 1) == '0' && uri.charAt(i + 2) == '0') {
                return true;
            }
        }
        return false;
    }

    private void failure(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        String title = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            default -> status >= 500 ? "Internal Server Error" : "HTTP " + status;
        };
        String detail = status == 413 ? "The body is larger than " + maxBodyBytes + " bytes." : null;
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            detail = "A valid API key is required: Authorization: Bearer <key>.";
        }
        write(ctx, Problem.of(status, title, detail));
    }

    private void write(RoutingContext ctx, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + problem.status() + "}";
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
