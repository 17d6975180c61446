package org.panelwatch.common.outbound;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An answer: status, headers in arrival order, and the body kept (empty when none was kept). */
public record OutboundResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    /** The first value of a header, by name in any case. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }
}
