package org.panelwatch.analysis.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * An analyst's feedback on an item: {@code verdict} on its signal ("missed" for an item with no
 * signal that should have had one), topic corrections, and a note. At least one of them is given.
 */
public record FeedbackRequest(
        @Pattern(regexp = "confirmed|false-alarm|missed", message = "must be confirmed, false-alarm or missed")
        String verdict,
        @Valid TopicCorrections topics,
        @Size(max = 2000, message = "at most 2000 characters") String note) {

    /** Topic ids to add to or remove from the item's tags. */
    public record TopicCorrections(
            @Size(max = 20, message = "at most 20 topics") List<@Size(min = 1, max = 100, message = "must be a topic id") String> add,
            @Size(max = 20, message = "at most 20 topics") List<@Size(min = 1, max = 100, message = "must be a topic id") String> remove) {
    }
}
