package org.panelwatch.common.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP request to an outside address.
 *
 * @param timeout      the whole exchange, connect to last byte
 * @param maxBodyBytes the most of the answer's body kept; a longer body fails the exchange. 0 reads the
 *                     body and keeps none of it (a webhook's answer is only its status)
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, String contentType, byte[] body,
        Duration timeout, long maxBodyBytes) {

    public OutboundRequest {
        headers = Map.copyOf(headers);
    }

    public static OutboundRequest get(URI uri, Duration timeout, long maxBodyBytes) {
        return new OutboundRequest("GET", uri, Map.of(), null, null, timeout, maxBodyBytes);
    }

    public static OutboundRequest post(URI uri, String contentType, byte[] body, Duration timeout) {
        return new OutboundRequest("POST", uri, Map.of(), contentType, body, timeout, 0);
    }

    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new OutboundRequest(method, uri, more, contentType, body, timeout, maxBodyBytes);
    }
}
