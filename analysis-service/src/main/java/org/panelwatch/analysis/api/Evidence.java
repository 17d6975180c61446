package org.panelwatch.analysis.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A passage that carries a tag or signal: its text and character offsets in the item's {@code field}
 * (title or body). A signal's passages also say what made them count; a topic's have no such fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
        String text,
        String field,
        int start,
        int end,
        @Schema(description = "signal evidence only: the act the sentence reports (materiel-moved, troops, joint-exercises,"
                + " military-technology, defence-treaty, defence-chiefs-on-military-ties, defence-chiefs-visit)", nullable = true)
        String act,
        @Schema(description = "signal evidence only: dprk-to-russia, russia-to-dprk, both, mutual or unspecified", nullable = true)
        String direction,
        @Schema(description = "signal evidence only: the parties named in the sentence (or in the neighbouring sentence"
                + " or title that completed it), Russia's side first", nullable = true)
        List<String> actors) {

    public Evidence(String text, String field, int start, int end) {
        this(text, field, start, end, null, null, null);
    }
}
